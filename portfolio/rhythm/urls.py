"""The rhythm's pages, in the "portfolio" namespace (set in rsi_portal/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("rapporter/", views.report_archive, name="report_archive"),
    path("rapporter/<id:pk>/", views.report_detail, name="report_detail"),
    path("rapporter/<id:pk>/<slug:kind>/", views.report_file, name="report_file"),
    path("paamindelser/", views.reminder_list, name="reminder_list"),
    path("paamindelser/send/", views.reminder_send, name="reminder_send"),
    path("direktoerkredsmail/", views.director_mail_list, name="director_mail_list"),
    path("direktoerkredsmail/<id:pk>/", views.director_mail_detail, name="director_mail_detail"),
    path("aarshjul/", views.calendar_page, name="calendar"),
    path("kalender/<str:token>/mig.ics", views.calendar_feed_user, name="calendar_feed_user"),
    path("kalender/<str:token>/forum/<id:body_id>.ics", views.calendar_feed_body, name="calendar_feed_body"),
]
