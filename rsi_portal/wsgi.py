import os

from django.core.wsgi import get_wsgi_application

from rsi_portal.mail import require_email_configured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsi_portal.settings")
application = get_wsgi_application()
require_email_configured()  # production refuses to start without e-mail (docs/deployment.md)
