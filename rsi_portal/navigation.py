"""The main menu. Each app adds its pages here: (label, url name, permission needed)."""

from django.utils.translation import gettext_lazy as _

NAV_ITEMS: list[tuple] = [
    # The portfolio dashboard, for the secretariat and every body member
    (_("Dashboard"), "portfolio:dashboard", "projects.view_statusreport"),
    # It-råd risk assessments (R27) and the gate requirements (R6)
    (_("Risikovurderinger"), "projects:risk_list", "projects.view_riskassessment"),
    (_("Gatekrav"), "projects:gate_requirements", "projects.view_gaterequirement"),
    # Meetings, agendas and agenda packs
    (_("Møder"), "governance:meeting_list", "governance.view_meeting"),
    # Business cases, buffer, keys, collection and budget overview
    (_("Økonomi"), "finance:case_list", "finance.view_businesscase"),
    # Monthly reports, the årshjul, director mail and reminders (secretariat)
    (_("Rapporter"), "portfolio:report_archive", "portfolio.view_monthlyreport"),
    (_("Årshjul"), "portfolio:calendar", "portfolio.view_body"),
    (_("Direktørkredsmail"), "portfolio:director_mail_list", "portfolio.view_directormail"),
    (_("Påmindelser"), "portfolio:reminder_list", "portfolio.view_reminderlog"),
]
