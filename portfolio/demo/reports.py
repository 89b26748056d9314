"""Demo: the last complete month's portfolio report in the archive and a director mail draft.

Idempotent: the report exists once per month (a second load finds it and does nothing), the
demo item is found by its title and a director mail once per issue date. No e-mail is sent.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from rsi_portal.dates import add_months, month_start

from ..models import DirectorMail, DirectorMailItem, MonthlyReport
from ..rhythm import services as rhythm_services
from ..rhythm.rules import monthly_report_due_period, open_director_mail_date

DEMO_ITEM_TITLE = "Strategiseminar: tilmelding"


def last_complete_month(today):
    """The month whose report is due by now (last month from its report day, else the month before)."""
    return monthly_report_due_period(today) or add_months(month_start(today), -2)


def load(stdout) -> None:
    today = timezone.localdate()
    period = last_complete_month(today)
    if not MonthlyReport.objects.filter(period=period).exists():
        rhythm_services.monthly_report_generate(period=period, notify=False)
        stdout.write(f"  porteføljerapport for {period:%m.%Y} dannet")
    sekretariat = get_user_model().objects.filter(username="sekretariat").first()
    if sekretariat is None:
        return
    if not DirectorMailItem.objects.filter(title=DEMO_ITEM_TITLE).exists():
        item = DirectorMailItem(
            title=DEMO_ITEM_TITLE,
            text="Husk tilmelding til forårets strategiseminar om justering af pipelinen.",
            added_by=sekretariat,
        )
        item.full_clean()
        item.save()
        DirectorMailItem.objects.filter(pk=item.pk).update(added_at=timezone.now() - timezone.timedelta(days=2))
    issue = open_director_mail_date(today)
    if not DirectorMail.objects.filter(issue_date=issue).exists():
        rhythm_services.director_mail_compile(issue_date=issue)
