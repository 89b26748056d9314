from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("moeder/ny/", views.meeting_edit, name="meeting_create"),
    path("moeder/aarsplan/", views.meeting_plan, name="meeting_plan"),
    path("moeder/<id:pk>/", views.meeting_detail, name="meeting_detail"),
    path("moeder/<id:pk>/rediger/", views.meeting_edit, name="meeting_edit"),
    path("moeder/<id:pk>/udarbejd/", views.agenda_draft, name="agenda_draft"),
    path(
        "moeder/<id:pk>/pejlemaerke/<id:pejlemaerke_pk>/",
        views.agenda_add_pejlemaerke,
        name="agenda_add_pejlemaerke",
    ),
    path("moeder/<id:pk>/udsendt/", views.meeting_sent, name="meeting_sent"),
    path("moeder/<id:pk>/referat/", views.meeting_minutes, name="meeting_minutes"),
    path("moeder/<id:meeting_pk>/punkter/ny/", views.item_edit, name="item_create"),
    path("moeder/<id:pk>/pakke/", views.pack_request, name="pack_request"),
    path("punkter/<id:pk>/", views.item_detail, name="item_detail"),
    path("punkter/<id:pk>/rediger/", views.item_edit, name="item_edit"),
    path("punkter/<id:pk>/flyt/", views.item_move, name="item_move"),
    path("punkter/<id:pk>/bilag/", views.attachment_upload, name="attachment_upload"),
    path("punkter/<id:pk>/beslutning/", views.item_decide, name="item_decide"),
    path("bilag/<id:pk>/", views.attachment_download, name="attachment_download"),
    path("pakker/<uuid:token>/", views.pack_detail, name="pack_detail"),
    path("pakker/<uuid:token>/hent/", views.pack_download, name="pack_download"),
    path("sager/", views.matter_list, name="matter_list"),
    path("sager/ny/", views.matter_create, name="matter_create"),
    path("sager/<id:pk>/", views.matter_detail, name="matter_detail"),
    path("sager/<id:pk>/eskaler/", views.matter_escalate, name="matter_escalate"),
    path("systemer/", views.joint_system_list, name="joint_system_list"),
    path("systemer/ny/", views.joint_system_edit, name="joint_system_create"),
    path("systemer/<id:pk>/", views.joint_system_detail, name="joint_system_detail"),
    path("systemer/<id:pk>/rediger/", views.joint_system_edit, name="joint_system_edit"),
    path("systemer/<id:pk>/brugergrupper/", views.user_group_add, name="user_group_add"),
    path("systemer/<id:pk>/systemansvar/", views.responsibility_recommend, name="responsibility_recommend"),
    path("brugergrupper/<id:pk>/fjern/", views.user_group_remove, name="user_group_remove"),
]
