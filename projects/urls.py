from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("<int:pk>/rediger/", views.project_edit, name="project_edit"),
]
