from django.urls import path

from .views import gates, risk, status

app_name = "projects"
urlpatterns = [
    path("<id:pk>/rediger/", gates.project_edit, name="project_edit"),
    # Phases and gates (R5–R8, R27)
    path("<id:pk>/faser/", gates.project_gates, name="project_gates"),
    path("<id:pk>/faser/gate/", gates.project_gate_pass, name="project_gate_pass"),
    path("<id:pk>/faser/trin/", gates.project_step_set, name="project_step_set"),
    path("<id:pk>/dokumenter/", gates.document_upload, name="document_upload"),
    path("dokumentversioner/<id:pk>/godkend/", gates.document_approve, name="document_approve"),
    path("dokumentversioner/<id:pk>/fil/", gates.document_download, name="document_download"),
    path("gatekrav/", gates.gate_requirements, name="gate_requirements"),
    path("gatekrav/dokumenttype/", gates.document_type_add, name="document_type_add"),
    path("<id:pk>/risikovurdering/", risk.risk_assessment_request, name="risk_assessment_request"),
    path("risikovurderinger/", risk.risk_assessment_list, name="risk_list"),
    path("risikovurderinger/<id:pk>/", risk.risk_detail, name="risk_detail"),
    # Monthly status (R9–R13)
    path(
        "<id:project_pk>/status/<str:region_code>/<month:period>/",
        status.status_report_edit,
        name="status_report_edit",
    ),
    path(
        "<id:project_pk>/status/<str:region_code>/<month:period>/tal/",
        status.status_sanity_check,
        name="status_sanity_check",
    ),
    path("status/<id:pk>/", status.status_report_detail, name="status_report_detail"),
    path("status/<id:pk>/ret/", status.status_report_correct, name="status_report_correct"),
    path(
        "status/pejlemaerke/<id:pk>/<month:period>/",
        status.status_pejlemaerke_month,
        name="status_pejlemaerke_month",
    ),
]
