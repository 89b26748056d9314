from django.urls import path

from .views import gates, risk, status

app_name = "projects"
urlpatterns = [
    path("<int:pk>/rediger/", gates.project_edit, name="project_edit"),
    # Phases and gates (R5–R8, R27)
    path("<int:pk>/faser/", gates.project_gates, name="project_gates"),
    path("<int:pk>/faser/gate/", gates.project_gate_pass, name="project_gate_pass"),
    path("<int:pk>/faser/trin/", gates.project_step_set, name="project_step_set"),
    path("<int:pk>/dokumenter/", gates.document_upload, name="document_upload"),
    path("dokumentversioner/<int:pk>/godkend/", gates.document_approve, name="document_approve"),
    path("dokumentversioner/<int:pk>/fil/", gates.document_download, name="document_download"),
    path("gatekrav/", gates.gate_requirements, name="gate_requirements"),
    path("gatekrav/dokumenttype/", gates.document_type_add, name="document_type_add"),
    path("<int:pk>/risikovurdering/", risk.risk_assessment_request, name="risk_assessment_request"),
    path("risikovurderinger/", risk.risk_assessment_list, name="risk_list"),
    path("risikovurderinger/<int:pk>/", risk.risk_detail, name="risk_detail"),
    # Monthly status (R9–R13)
    path(
        "<int:project_pk>/status/<str:region_code>/<str:period>/",
        status.status_report_edit,
        name="status_report_edit",
    ),
    path("status/<int:pk>/", status.status_report_detail, name="status_report_detail"),
    path("status/<int:pk>/ret/", status.status_report_correct, name="status_report_correct"),
    path(
        "status/pejlemaerke/<int:pk>/<str:period>/",
        status.status_pejlemaerke_month,
        name="status_pejlemaerke_month",
    ),
]
