from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

# The portfolio's base, dashboard and rhythm pages share the "portfolio" namespace; their URL
# modules have no app_name, so their names join this one include. Strings only: rsi_portal
# imports no app.
portfolio_patterns = [
    path("", include("portfolio.urls")),
    path("", include("portfolio.dashboard.urls")),
    path("", include("portfolio.rhythm.urls")),
]

urlpatterns = [
    path("", include((portfolio_patterns, "portfolio"))),
    path("projekter/", include("projects.urls")),
    path("oekonomi/", include("finance.urls")),
    path("styring/", include("governance.urls")),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", views.health, name="health"),
    path("admin/", admin.site.urls),
]

handler403 = "portfolio.views.permission_denied"
handler500 = "rsi_portal.views.server_error"
