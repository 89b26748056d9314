from django.urls import path

from . import views

app_name = "portfolio"
urlpatterns = [
    path("", views.home, name="home"),
    path("pejlemaerker/", views.pejlemaerke_list, name="pejlemaerke_list"),
    path("pejlemaerker/ny/", views.pejlemaerke_edit, name="pejlemaerke_create"),
    path("pejlemaerker/<int:pk>/", views.pejlemaerke_detail, name="pejlemaerke_detail"),
    path("pejlemaerker/<int:pk>/rediger/", views.pejlemaerke_edit, name="pejlemaerke_edit"),
    path("pejlemaerker/<int:pk>/deltagelse/", views.participation_edit, name="participation_edit"),
    path("pejlemaerker/<int:pk>/livscyklus/", views.pejlemaerke_transition, name="pejlemaerke_transition"),
]
