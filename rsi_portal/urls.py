from django.contrib import admin
from django.urls import include, path

from . import views

# The portfolio's base, dashboard and rhythm pages share the "portfolio" namespace; their URL
# modules have no app_name, so their names join this one include. Strings only: rsi_portal
# imports no app.
portfolio_patterns = [
    path("", include("portfolio.urls")),
    path("", include("portfolio.dashboard.urls")),
    path("", include("portfolio.rhythm.urls")),
    path("", include("portfolio.pipeline.urls")),
]

urlpatterns = [
    path("", include((portfolio_patterns, "portfolio"))),
    path("projekter/", include("projects.urls")),
    path("oekonomi/", include("finance.urls")),
    path("styring/", include("governance.urls")),
    path("api/", include("api.urls")),
    # Login (password and one button per region's identity provider) and logout: api.sso.
    path("", include("api.sso.login_urls")),
    path("sso/", include("api.sso.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", views.health, name="health"),
    path("admin/", admin.site.urls),
]

handler403 = "portfolio.views.permission_denied"
handler500 = "rsi_portal.views.server_error"
