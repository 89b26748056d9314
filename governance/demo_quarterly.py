"""R37 demo data: IT5's meetings after each of the last four quarters, and RITA's and SYS's reports to them.

One report is missing: RITA's for the quarter before last (its deadline has passed). SYS's report for the
last quarter is not in yet and not yet due (IT5's next meeting is at least ten days away): the browser
test files it. Idempotent: existing meetings and reports are left alone.
"""

from datetime import timedelta

from portfolio.models import Body, BodyKind

from . import services
from .models import Meeting, MeetingFormat, QuarterlyReport
from .quarterly_reads import recent_quarters
from .rules import quarter_end, quarter_label

TEXTS = {
    BodyKind.RITA: "RITA har reviewet arkitekturanalyserne for to pejlemærker og godkendt én principbeslutning.",
    BodyKind.SYS: "Driften af de fælles systemer har været stabil; ét større driftsstop er håndteret efter aftalen.",
}


def _it5_meeting(actor, it5, day) -> Meeting:
    return Meeting.objects.filter(body=it5, day=day).first() or services.meeting_save(
        actor=actor, body=it5, day=day, format=MeetingFormat.VIRTUAL, location="Teams", is_suggestion=False
    )


def load(actor, today) -> str:
    it5 = Body.objects.get(kind=BodyKind.IT5)
    bodies = {b.kind: b for b in Body.objects.filter(kind__in=TEXTS)}
    quarters = recent_quarters(today)  # newest first
    for index, quarter in enumerate(quarters):
        day = quarter_end(quarter) + timedelta(days=20)
        if index == 0:  # the last quarter's meeting is ahead, its deadline not yet passed
            day = max(day, today + timedelta(days=10))
        while day.weekday() != 2:  # IT5 meets on Wednesdays
            day += timedelta(days=1)
        _it5_meeting(actor, it5, day)
    for index, quarter in enumerate(quarters):
        for kind, body in bodies.items():
            if index == 0 and kind == BodyKind.SYS:
                continue  # filed by the browser test
            if index == 1 and kind == BodyKind.RITA:
                continue  # the one missing report
            if not QuarterlyReport.objects.filter(body=body, quarter=quarter).exists():
                services.quarterly_report_submit(
                    actor=actor, body=body, quarter=quarter, text=f"{quarter_label(quarter)}: {TEXTS[kind]}"
                )
    return f"Kvartalsrapporter: {QuarterlyReport.objects.count()} indsendt, RITA mangler {quarter_label(quarters[1])}."
