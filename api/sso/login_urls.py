"""The portal's login and logout (included by rsi_portal.urls by name, so rsi_portal imports no app)."""

from django.urls import path

from .views import PortalLoginView, PortalLogoutView

urlpatterns = [
    path("login/", PortalLoginView.as_view(), name="login"),
    path("logout/", PortalLogoutView.as_view(), name="logout"),
]
