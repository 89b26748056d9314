"""The main menu. Each app adds its pages here: (label, url name, permission needed)."""

from django.utils.translation import gettext_lazy as _  # noqa: F401 - used by entries apps add

# e.g. (_("Dashboard"), "projects:dashboard", "projects.view_project")
NAV_ITEMS: list[tuple] = []
