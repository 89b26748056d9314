from django.urls import path

from . import views

app_name = "finance"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("projekt/<id:project_pk>/", views.case_detail, name="case_detail"),
    path("projekt/<id:project_pk>/opret/", views.case_create, name="case_create"),
    path("projekt/<id:project_pk>/ny-version/", views.version_new, name="version_new"),
    path("projekt/<id:project_pk>/sammenlign/", views.version_diff, name="version_diff"),
    path("projekt/<id:project_pk>/aendringsanmodning/", views.change_request_create, name="change_request_create"),
    path("projekt/<id:project_pk>/fordeling/", views.split_edit, name="split_edit"),
    path("version/<id:pk>/", views.version_detail, name="version_detail"),
    path("version/<id:pk>/rediger/", views.version_edit, name="version_edit"),
    path("version/<id:pk>/linje/", views.line_add, name="line_add"),
    path("version/<id:pk>/afgoer/", views.version_decide, name="version_decide"),
    path("linje/<id:pk>/slet/", views.line_delete, name="line_delete"),
    path("version/<id:pk>/gevinst/", views.benefit_add, name="benefit_add"),
    path("version/<id:pk>/begrundelse/", views.justification_edit, name="justification_edit"),
    path("version/<id:pk>/gevinster.pdf", views.version_economy_pdf, name="version_economy_pdf"),
    path("gevinst/<id:pk>/slet/", views.benefit_delete, name="benefit_delete"),
    path("realisering/", views.realisation_list, name="realisation_list"),
    path("realisering/it5/", views.follow_up_draft, name="realisation_follow_up"),
    path("realisering/<id:project_pk>/", views.realisation_project, name="realisation_project"),
    path("realisering/<id:project_pk>/plan/", views.plan_item_add, name="realisation_plan_add"),
    path("realisering/<id:project_pk>/indberet/", views.report_submit, name="realisation_report"),
    path("linje/<id:pk>/forbrug/", views.staff_actual, name="staff_actual"),
    path("aendringsanmodning/<id:pk>/afgoer/", views.change_request_decide, name="change_request_decide"),
    path("noegler/", views.key_list, name="key_list"),
    path("noegler/<year:year>/", views.key_edit, name="key_edit"),
    path("opkraevning/<year:year>/", views.collection_list, name="collection_list"),
    path(
        "opkraevning/<year:year>/<id:project_pk>/<str:region_code>.pdf",
        views.collection_letter,
        name="collection_letter",
    ),
    path("budgetoverblik/", views.budget_overview, name="budget_overview"),
    path("budgetoverblik/<year:year>/", views.budget_overview, name="budget_overview_year"),
]
