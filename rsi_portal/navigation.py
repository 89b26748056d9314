"""The main menu. Each app adds its pages here: (label, url name, permission needed)."""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

NAV_ITEMS: list[tuple] = [
    # The portfolio dashboard, for the secretariat and every body member
    (_("Dashboard"), "portfolio:dashboard", "projects.view_statusreport"),
    # It-råd risk assessments (R27) and the gate requirements (R6)
    (_("Risikovurderinger"), "projects:risk_list", "projects.view_riskassessment"),
    (_("Gatekrav"), "projects:gate_requirements", "projects.view_gaterequirement"),
    # Ideas as kommissorier, PMO5's qualification, IT5's pipeline, the seminars (R34); strategy goals (R40)
    (_("Idéer"), "portfolio:kommissorium_list", "portfolio.view_kommissorium"),
    (_("Strategiske mål"), "portfolio:goal_list", "portfolio.view_strategygoal"),
    # Meetings, agendas and agenda packs
    (_("Møder"), "governance:meeting_list", "governance.view_meeting"),
    # Every escalation along the R25 paths, with its outcome (the escalation log)
    (_("Eskalationer"), "governance:escalation_list", "governance.view_escalation"),
    # Business cases, buffer, keys, collection and budget overview
    (_("Økonomi"), "finance:case_list", "finance.view_businesscase"),
    # Closed projects in benefits realisation (R36)
    (_("Realisering"), "finance:realisation_list", "finance.view_businesscase"),
    # Monthly reports, the årshjul, director mail and reminders (secretariat)
    (_("Rapporter"), "portfolio:report_archive", "portfolio.view_monthlyreport"),
    (_("Årshjul"), "portfolio:calendar", "portfolio.view_body"),
    (_("Direktørkredsmail"), "portfolio:director_mail_list", "portfolio.view_directormail"),
    (_("Påmindelser"), "portfolio:reminder_list", "portfolio.view_reminderlog"),
]

# The menu's groups, so the header holds one line at 1366 px: a page's group by its URL name, else by
# its app's namespace; a group with one page is a plain link, one with more is a drop-down.
NAV_GROUP_LABELS = {
    "portfolio": _("Portefølje"),
    "meetings": _("Møder"),
    "finance": _("Økonomi"),
    "reports": _("Rapporter"),
    "admin": _("Administration"),
}
NAV_GROUP_OF_URL = {
    "portfolio:dashboard": "portfolio",
    "portfolio:report_archive": "reports",
    "portfolio:calendar": "meetings",
    "portfolio:director_mail_list": "reports",
    "portfolio:reminder_list": "reports",
}
NAV_GROUP_OF_NAMESPACE = {
    "projects": "portfolio",
    "governance": "meetings",
    "finance": "finance",
    "portfolio": "portfolio",
}


def nav_group(url_name: str) -> str:
    return NAV_GROUP_OF_URL.get(url_name) or NAV_GROUP_OF_NAMESPACE.get(url_name.split(":")[0], "admin")


# Entries whose readers are not named by a model permission (the members of a body): url name -> check(user).
# Apps register them from AppConfig.ready(); the entry shows when the permission or the check allows.
MENU_CHECKS: dict[str, Callable[[object], bool]] = {}


def register_menu_check(url_name: str, check: Callable[[object], bool]) -> None:
    MENU_CHECKS[url_name] = check
