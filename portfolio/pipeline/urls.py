"""The pipeline's pages (R34, R40), in the "portfolio" namespace (set in rsi_portal/urls.py)."""

from django.urls import path

from . import seminar_views, views

urlpatterns = [
    path("pipeline/", views.pipeline, name="pipeline"),
    path("pipeline/prioritering/", views.pipeline_ranking, name="pipeline_ranking"),
    path("ideer/", views.kommissorium_list, name="kommissorium_list"),
    path("ideer/ny/", views.kommissorium_edit, name="kommissorium_new"),
    path("ideer/<id:pk>/", views.kommissorium_detail, name="kommissorium_detail"),
    path("ideer/<id:pk>/rediger/", views.kommissorium_edit, name="kommissorium_edit"),
    path("ideer/<id:pk>/kommissorium.pdf", views.kommissorium_pdf_view, name="kommissorium_pdf"),
    path("ideer/<id:pk>/kvalificering/", views.kommissorium_qualify, name="kommissorium_qualify"),
    path("ideer/<id:pk>/placering/", views.kommissorium_rank, name="kommissorium_rank"),
    path("ideer/<id:pk>/pejlemaerke/", views.kommissorium_link, name="kommissorium_link"),
    path("strategiseminarer/<id:pk>/", seminar_views.seminar_detail, name="seminar_detail"),
    path("strategiseminarer/<id:pk>/dagsorden/", seminar_views.seminar_agenda, name="seminar_agenda"),
    path(
        "strategiseminarer/<id:pk>/punkter/<id:item_pk>/beslutning/",
        seminar_views.seminar_decide,
        name="seminar_decide",
    ),
    path("orienteringer/ny/", seminar_views.notice_new, name="notice_new"),
    path("orienteringer/dagsorden/", seminar_views.notices_to_agenda, name="notices_to_agenda"),
    path("pejlemaerker/<id:pk>/oa/", seminar_views.oa_mark, name="pejlemaerke_oa"),
    path("strategiske-maal/", seminar_views.goal_list, name="goal_list"),
    path("strategiske-maal/ny/", seminar_views.goal_edit, name="goal_new"),
    path("strategiske-maal/<id:pk>/", seminar_views.goal_detail, name="goal_detail"),
    path("strategiske-maal/<id:pk>/rediger/", seminar_views.goal_edit, name="goal_edit"),
]
