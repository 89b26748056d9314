"""Settings, all driven by the environment (see docs/configuration.md).

Embedded defaults give a zero-setup portal: SQLite under var/, Celery tasks run
eagerly in process, local-memory cache. Production sets DEBUG off and must give a
real SECRET_KEY.
"""

import os
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from rsi_portal.dates import regional_day_off_names
from rsi_portal.sso import providers_from_environment

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int_between(name: str, default: int, low: int, high: int) -> int:
    value = env_int(name, default)
    if not low <= value <= high:
        raise ImproperlyConfigured(f"{name} must be between {low} and {high}, got {value}.")
    return value


def env_decimal_between(name: str, default: str, low: str, high: str) -> Decimal:
    value = os.environ.get(name, default).strip().replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d+)?", value) or not Decimal(low) <= Decimal(value) <= Decimal(high):
        raise ImproperlyConfigured(f"{name} must be a number between {low} and {high}, got {value!r}.")
    return Decimal(value)


def env_days_off(name: str, default: str) -> tuple[str, ...]:
    """R13: the regions' days off, by their Danish names in the holidays package; unknown names stop start-up."""
    names = tuple(env_list(name, default))
    unknown = sorted(set(names) - regional_day_off_names())
    if unknown:
        known = ", ".join(sorted(regional_day_off_names()))
        raise ImproperlyConfigured(f"{name} names unknown days off: {', '.join(unknown)}. Known: {known}.")
    return names


DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "django-insecure-rsi-portal-development-only-never-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off (production).")
    SECRET_KEY = _DEV_SECRET_KEY
elif not DEBUG and (SECRET_KEY.startswith("django-insecure") or len(set(SECRET_KEY)) < 5 or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("SECRET_KEY is not a real secret: use at least 50 random characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "guardian",
    "simple_history",
    "axes",
    "csp",
    "rsi_portal",
    "portfolio",
    "projects",
    "finance",
    "governance",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside everything that may answer early (health, error pages, the 400 for bad input).
    "csp.middleware.CSPMiddleware",
    "rsi_portal.middleware.PermissionsPolicyMiddleware",
    # /health/ is answered here, before the session table is read or written.
    "rsi_portal.health.HealthCheckMiddleware",
    # A view's database or broker outage answers 503, a missing stored file 404 (rsi_portal.errors).
    "rsi_portal.errors.ErrorPageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # NUL and other control characters: 400 before any view or query (cookies before the session).
    "rsi_portal.middleware_input.ControlCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rsi_portal.middleware.PortalLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: every view needs a login unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "rsi_portal.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rsi_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "rsi_portal.context_processors.portal",
            ],
            # The one date format (date_long, date_short, month_long, ...) in every template, mail and PDF.
            "builtins": ["rsi_portal.templatetags.portal_format"],
        },
    }
]

WSGI_APPLICATION = "rsi_portal.wsgi.application"

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # An unreachable server is reported in seconds, not after the operating system's TCP timeout.
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
            "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5)
        )
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "var" / "rsi_portal.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
    # Single sign-on with the regions' identity providers (docs/sso.md); inert when none is configured.
    "api.sso.backend.PortalOIDCBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user; anonymous visitors have no rights

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portfolio:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Redis: broker and cache. Without it, tasks run eagerly and the cache is local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
# Workers store results (the worker tests read them); the web process sends with ignore_result
# (rsi_portal.outbox), so it never waits on this backend while Redis is away.
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Queue, retries and the one beat schedule (docs/operations.md).
# Tests give each worker its own queue so parallel runs on one Redis never share work.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_REJECT_ON_WORKER_LOST = True  # with acks_late: a killed worker's task is redelivered
# A broker that is away is noticed in about a second; the outbox keeps the work meanwhile.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A message a worker took but never acknowledged (the worker was killed) goes back on the queue
# after the visibility timeout: above the longest task (the monthly report, 16 s measured for 60
# pejlemærker) and the longest retry countdown (4 minutes), and no higher (docs/operations.md).
_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 300)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _VISIBILITY_TIMEOUT,
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
    # How often a worker looks for unacknowledged messages older than the timeout.
    "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_SECONDS", 60),
    "unacked_restore_throttle": 1,
}
CELERY_RESULT_EXPIRES = 24 * 3600
# Daily "ticks" rather than one-shot dates: each tick asks the rules whether today is the day
# and does nothing when the work exists already, so a beat that was down catches up.
CELERY_BEAT_SCHEDULE: dict = {
    "beat-heartbeat": {"task": "rsi_portal.tasks.beat_heartbeat", "schedule": 60.0},
    "outbox-sweep": {"task": "rsi_portal.tasks.outbox_sweep", "schedule": 60.0},
    "monthly-portfolio-report": {
        "task": "portfolio.tasks.monthly_report_tick",
        "schedule": crontab(minute=0, hour="6-18"),
    },
    "status-reminders": {"task": "portfolio.tasks.reminders_tick", "schedule": crontab(minute=30, hour=7)},
    "director-mail-compile": {"task": "portfolio.tasks.director_mail_tick", "schedule": crontab(minute=0, hour=5)},
}

if REDIS_URL:
    _REDIS = {"LOCATION": REDIS_URL, "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "rsi")}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", **_REDIS}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Template fragments stay in each process, never waiting on Redis; none in development (templates change).
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends." + ("dummy.DummyCache" if DEBUG else "locmem.LocMemCache")
}

# E-mail: console in development, SMTP from the environment in production.
# Production with neither EMAIL_HOST nor an explicit EMAIL_BACKEND gets a backend that refuses
# every message, and the web process refuses to start (rsi_portal.mail, rsi_portal.wsgi).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "").strip() or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "rsi_portal.mail.UnconfiguredEmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "RSI Portal <rsi-portal@regioner.dk>")
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")

# Security: secure by default when DEBUG is off (passes `manage.py check --deploy`).
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Only when a reverse proxy that sets X-Forwarded-Proto and X-Forwarded-For is the one way in
# (compose publishes web on 127.0.0.1 only): otherwise anyone could claim https or an address.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # load balancers and compose probe over plain http
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Sessions end after a working day without a request (each request restarts the clock), and
# for staff (the admin) also when the browser closes (rsi_portal.middleware.StaffSessionMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_HOURS", 8) * 3600

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one username
# from one address within LOGIN_LOCKOUT_MINUTES, that pair is locked for LOGIN_LOCKOUT_MINUTES.
# The secretariat unlocks in the admin (Axes › Access attempts: delete the row).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "rsi_portal.login.locked_out"
AXES_CLIENT_IP_CALLABLE = "rsi_portal.login.client_ip"

# Content-Security-Policy (django-csp): scripts and styles only from /static/, nothing inline,
# no plugins, no framing, forms post only here. Report-only under DEBUG so Django's debug pages work.
_CSP = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if DEBUG:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP
# Browser features the portal never uses, off for it and anything it embeds (Permissions-Policy,
# sent by rsi_portal.middleware.PermissionsPolicyMiddleware): feature -> allowed origins.
_UNUSED_FEATURES = ["accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope"]
_UNUSED_FEATURES += ["magnetometer", "microphone", "midi", "payment", "publickey-credentials-get"]
_UNUSED_FEATURES += ["screen-wake-lock", "serial", "usb", "xr-spatial-tracking"]
PERMISSIONS_POLICY: dict[str, list[str]] = {feature: [] for feature in _UNUSED_FEATURES}

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Calendar-feed tokens in a path (e.g. Django's "Not Found: /kalender/<token>/…") are redacted.
    "filters": {"redact_secret_paths": {"()": "rsi_portal.redaction.RedactSecretPathsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_secret_paths"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every render step at INFO; keep only its warnings.
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The REST API (docs/api.md): personal tokens or the session, JSON only, Danish errors, throttled per
# token scope (requests per hour, API_THROTTLE_<SCOPE>).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.auth.PortalRole"],
    "DEFAULT_THROTTLE_CLASSES": ["api.auth.ScopeThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.handler",
    "COERCE_DECIMAL_TO_STRING": True,
}
API_THROTTLE_RATES = {
    s: f"{env_int(f'API_THROTTLE_{s.upper()}', 3600)}/hour" for s in ("read", "read_write", "session")
}
SPECTACULAR_SETTINGS = {
    "TITLE": "RSI Portal API",
    "DESCRIPTION": "Porteføljen, månedens status, business cases og møder (docs/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["api.auth.PortalRole"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from static/vendor (npm swagger-ui-dist), never a CDN.
    "SWAGGER_UI_DIST": "/" + STATIC_URL + "vendor/swagger-ui",
    "SWAGGER_UI_FAVICON_HREF": "/" + STATIC_URL + "vendor/swagger-ui/favicon-32x32.png",
}

# Single sign-on with the regions' OpenID providers (docs/sso.md, rsi_portal.sso).
SSO_PROVIDERS = providers_from_environment(env_list("SSO_PROVIDERS"))
PASSWORD_LOGIN_ENABLED = env_bool("PASSWORD_LOGIN", True)
SSO_GROUP_CLAIM = os.environ.get("SSO_GROUP_CLAIM", "").strip()
SSO_PORTAL_USERS_GROUP_VALUE = os.environ.get("SSO_PORTAL_USERS_GROUP_VALUE", "").strip()
SSO_SECRETARIAT_CONTACT = os.environ.get("SSO_SECRETARIAT_CONTACT", "RSI-sekretariatet i Danske Regioner")
SSO_TIMEOUT_SECONDS = env_int("SSO_TIMEOUT_SECONDS", 5)
SSO_CLOCK_SKEW_SECONDS = env_int("SSO_CLOCK_SKEW_SECONDS", 30)
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:callback"
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = SSO_TIMEOUT_SECONDS
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = SESSION_COOKIE_AGE

# Domain settings (DOMAIN.md), each overridable from the environment.
RSI = {
    # R13: status is due on this working day of the following month (1 = the first; every month has 15).
    "REPORTING_WORKING_DAY": env_int_between("RSI_REPORTING_WORKING_DAY", 1, 1, 15),
    # R13: the days off in the regions' agreements, besides weekends and public holidays (empty: none).
    "DAYS_OFF": env_days_off("RSI_DAYS_OFF", "Grundlovsdag,Juleaftensdag,Nytårsaften"),
    # R11: consecutive yellow months before a pejlemærke is flagged to the secretariat.
    "PERSISTENT_YELLOW_MONTHS": env_int("RSI_PERSISTENT_YELLOW_MONTHS", 3),
    # The monthly report is made this many working days after the reporting deadline.
    "MONTHLY_REPORT_WORKING_DAYS_AFTER_DEADLINE": env_int("RSI_MONTHLY_REPORT_DAYS_AFTER", 1),
    # The first status reminder goes out this many working days before the deadline.
    "REMINDER_WORKING_DAYS_BEFORE": env_int("RSI_REMINDER_DAYS_BEFORE", 3),
    # E-mailed report attachments above this size are left out (the link always works).
    "MAIL_ATTACHMENT_MAX_BYTES": env_int("RSI_MAIL_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024),
    # Requested work the broker did not take is sent again by the beat sweep after this many minutes,
    # and work sent but never finished (a lost message) after the second number (rsi_portal.outbox).
    "OUTBOX_RETRY_MINUTES": env_int("RSI_OUTBOX_RETRY_MINUTES", 5),
    "OUTBOX_LOST_MINUTES": env_int("RSI_OUTBOX_LOST_MINUTES", 60),
    # An agenda pack render holds a lease this long; a redelivered or retried task takes over an expired one.
    "PACK_RENDER_LEASE_SECONDS": env_int("RSI_PACK_RENDER_LEASE_SECONDS", 120),
    # LibreOffice's time limit for converting one Office Bilag to PDF (governance/office.py).
    "OFFICE_CONVERT_TIMEOUT_SECONDS": env_int("RSI_OFFICE_CONVERT_TIMEOUT_SECONDS", 60),
    # R35: the real discount rate (%) of a business case's NPV (Finansministeriet, years 0-35, since 2021).
    "BENEFIT_DISCOUNT_RATE": env_decimal_between("RSI_BENEFIT_DISCOUNT_RATE", "3.5", "0", "20"),
    # R36: the month in which the regions report the previous year's realised benefits (3 = March).
    "REALISATION_REPORT_MONTH": env_int_between("RSI_REALISATION_REPORT_MONTH", 3, 1, 12),
    # R32/R34: kommissorier for a strategy seminar are due this many weeks before it (shown in the årshjul).
    "KOMMISSORIUM_WEEKS_BEFORE_SEMINAR": env_int_between("RSI_KOMMISSORIUM_WEEKS_BEFORE_SEMINAR", 3, 1, 12),
    "STALLED_GATE_MONTHS": env_int_between("RSI_STALLED_GATE_MONTHS", 6, 1, 60),  # R34: months a next gate may wait
}
