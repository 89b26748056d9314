"""The start page, the dashboard and the pejlemærke pages, in the "portfolio" namespace (set in rsi_portal/urls.py)."""

from django.urls import path

from . import benefits_views, pejlemaerke_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/gevinster/", benefits_views.dashboard_benefits, name="dashboard_benefits"),
    path("pejlemaerker/", pejlemaerke_views.pejlemaerke_list, name="pejlemaerke_list"),
    path("pejlemaerker/<id:pk>/", pejlemaerke_views.pejlemaerke_detail, name="pejlemaerke_detail"),
    path("pejlemaerker/<id:pk>/livscyklus/", pejlemaerke_views.pejlemaerke_transition, name="pejlemaerke_transition"),
    path("pejlemaerker/<id:pk>/stop/", pejlemaerke_views.pejlemaerke_stop, name="pejlemaerke_stop"),
]
