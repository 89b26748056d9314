"""The portfolio base's pages, in the "portfolio" namespace (set in rsi_portal/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("pejlemaerker/ny/", views.pejlemaerke_edit, name="pejlemaerke_create"),
    path("pejlemaerker/<id:pk>/rediger/", views.pejlemaerke_edit, name="pejlemaerke_edit"),
    path("pejlemaerker/<id:pk>/deltagelse/", views.participation_edit, name="participation_edit"),
]
