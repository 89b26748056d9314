from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projekter")

    def ready(self):
        # both import models, which can load only once the app registry is ready
        from . import lifecycle, permissions

        lifecycle.register()
        permissions.register()
