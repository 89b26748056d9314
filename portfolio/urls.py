from django.urls import path

from portfolio import rhythm_views  # RHYTHM (issue 7)

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
    # --- Portfolio dashboard (issue 3)
    path("dashboard/", views.dashboard, name="dashboard"),
    # --- RHYTHM (issue 7): monthly report archive, reminders, director mail, årshjul and iCal feeds
    path("rapporter/", rhythm_views.report_archive, name="report_archive"),
    path("rapporter/<int:pk>/", rhythm_views.report_detail, name="report_detail"),
    path("rapporter/<int:pk>/<slug:kind>/", rhythm_views.report_file, name="report_file"),
    path("paamindelser/", rhythm_views.reminder_list, name="reminder_list"),
    path("direktoerkredsmail/", rhythm_views.director_mail_list, name="director_mail_list"),
    path("direktoerkredsmail/<int:pk>/", rhythm_views.director_mail_detail, name="director_mail_detail"),
    path("aarshjul/", rhythm_views.calendar_page, name="calendar"),
    path("kalender/<str:token>/mig.ics", rhythm_views.calendar_feed_user, name="calendar_feed_user"),
    path("kalender/<str:token>/forum/<int:body_id>.ics", rhythm_views.calendar_feed_body, name="calendar_feed_body"),
]
