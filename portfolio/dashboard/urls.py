"""The start page, the dashboard and the pejlemærke pages, in the "portfolio" namespace (set in rsi_portal/urls.py)."""

from django.urls import path

from . import pejlemaerke_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("pejlemaerker/", pejlemaerke_views.pejlemaerke_list, name="pejlemaerke_list"),
    path("pejlemaerker/<int:pk>/", pejlemaerke_views.pejlemaerke_detail, name="pejlemaerke_detail"),
    path("pejlemaerker/<int:pk>/livscyklus/", pejlemaerke_views.pejlemaerke_transition, name="pejlemaerke_transition"),
]
