from django.urls import path

from . import views

app_name = "sso"

urlpatterns = [
    path("start/<slug:provider_id>/", views.StartView.as_view(), name="start"),
    path("callback/", views.CallbackView.as_view(), name="callback"),
    path("ingen-adgang/", views.no_access, name="no_access"),
]
