from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("moeder/ny/", views.meeting_edit, name="meeting_create"),
    path("moeder/aarsplan/", views.meeting_plan, name="meeting_plan"),
    path("moeder/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("moeder/<int:pk>/rediger/", views.meeting_edit, name="meeting_edit"),
    path("moeder/<int:pk>/udarbejd/", views.agenda_draft, name="agenda_draft"),
    path(
        "moeder/<int:pk>/pejlemaerke/<int:pejlemaerke_pk>/",
        views.agenda_add_pejlemaerke,
        name="agenda_add_pejlemaerke",
    ),
    path("moeder/<int:pk>/udsendt/", views.meeting_sent, name="meeting_sent"),
    path("moeder/<int:pk>/referat/", views.meeting_minutes, name="meeting_minutes"),
    path("moeder/<int:meeting_pk>/punkter/ny/", views.item_edit, name="item_create"),
    path("moeder/<int:pk>/pakke/", views.pack_request, name="pack_request"),
    path("punkter/<int:pk>/", views.item_detail, name="item_detail"),
    path("punkter/<int:pk>/rediger/", views.item_edit, name="item_edit"),
    path("punkter/<int:pk>/flyt/", views.item_move, name="item_move"),
    path("punkter/<int:pk>/bilag/", views.attachment_upload, name="attachment_upload"),
    path("punkter/<int:pk>/beslutning/", views.item_decide, name="item_decide"),
    path("bilag/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("pakker/<int:pk>/", views.pack_detail, name="pack_detail"),
    path("pakker/<int:pk>/hent/", views.pack_download, name="pack_download"),
    path("sager/", views.matter_list, name="matter_list"),
    path("sager/ny/", views.matter_create, name="matter_create"),
    path("sager/<int:pk>/", views.matter_detail, name="matter_detail"),
    path("systemer/", views.joint_system_list, name="joint_system_list"),
    path("systemer/ny/", views.joint_system_edit, name="joint_system_create"),
    path("systemer/<int:pk>/rediger/", views.joint_system_edit, name="joint_system_edit"),
]
