from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("<int:pk>/rediger/", views.project_edit, name="project_edit"),
    # --- Phases and gates (R5–R8, R27)
    path("<int:pk>/faser/", views.project_gates, name="project_gates"),
    path("<int:pk>/faser/gate/", views.project_gate_pass, name="project_gate_pass"),
    path("<int:pk>/faser/trin/", views.project_step_set, name="project_step_set"),
    path("<int:pk>/dokumenter/", views.document_upload, name="document_upload"),
    path("dokumentversioner/<int:pk>/godkend/", views.document_approve, name="document_approve"),
    path("dokumentversioner/<int:pk>/fil/", views.document_download, name="document_download"),
    path("gatekrav/", views.gate_requirements, name="gate_requirements"),
    path("gatekrav/dokumenttype/", views.document_type_add, name="document_type_add"),
    path("<int:pk>/risikovurdering/", views.risk_assessment_request, name="risk_assessment_request"),
    path("risikovurderinger/", views.risk_assessment_list, name="risk_list"),
    path("risikovurderinger/<int:pk>/", views.risk_detail, name="risk_detail"),
    # --- Monthly status (R9–R13)
    path(
        "<int:project_pk>/status/<str:region_code>/<str:period>/",
        views.status_report_edit,
        name="status_report_edit",
    ),
    path("status/<int:pk>/", views.status_report_detail, name="status_report_detail"),
    path("status/<int:pk>/ret/", views.status_report_correct, name="status_report_correct"),
    path(
        "status/pejlemaerke/<int:pk>/<str:period>/",
        views.status_pejlemaerke_month,
        name="status_pejlemaerke_month",
    ),
]
