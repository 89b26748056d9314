"""R38 in the demo: one green pejlemærke whose numbers point to red, and one stale region."""

from django.utils import timezone

from projects import selectors
from rsi_portal.dates import add_months, month_start


def _last_month():
    return add_months(month_start(timezone.localdate()), -1)


def test_r38_the_demo_has_a_green_but_over_budget_pejlemaerke(demo):
    rows = selectors.portfolio_status(_last_month(), numbers="flagged")
    luna = next(r for r in rows if r.pejlemaerke.short_name == "LUNA")
    assert luna.colour == "green"
    label = next(f.label for f in luna.flags if f.code == "numbers_red")
    assert label.startswith("Tallene peger på rød – prognose 55,3 mio. kr. mod 48,0 mio. kr. godkendt, +15,2 %")


def test_r38_the_demo_has_one_stale_region(demo):
    rows = selectors.portfolio_status(_last_month(), numbers="stale")
    assert [r.pejlemaerke.short_name for r in rows] == ["Akutområdet"]
    assert [f.label for f in rows[0].flags if f.code == "stale"] == ["Region Sjælland: uændret i 7 måneder"]
