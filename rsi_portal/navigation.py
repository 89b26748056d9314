"""The main menu. Each app adds its pages here: (label, url name, permission needed)."""

from django.utils.translation import gettext_lazy as _  # noqa: F401 - used by entries apps add

# e.g. (_("Dashboard"), "projects:dashboard", "projects.view_project")
NAV_ITEMS: list[tuple] = [    # --- RHYTHM (issue 7): monthly reports, the årshjul, director mail and reminders (secretariat)
    (_("Rapporter"), "portfolio:report_archive", "portfolio.view_monthlyreport"),
    (_("Årshjul"), "portfolio:calendar", "portfolio.view_body"),
    (_("Direktørkredsmail"), "portfolio:director_mail_list", "portfolio.view_directormail"),
    (_("Påmindelser"), "portfolio:reminder_list", "portfolio.view_reminderlog"),
]
