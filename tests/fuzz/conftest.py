"""The fuzz test's settings profile, its one crawl of the demo data, and the figures it reports."""

import os
import time
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, settings

from tests.conftest import IN_CI

from .sitemap import SiteMap, all_routes, crawl

# Examples per (route, user): CI sends ≥ 3,000 requests in all, a developer's run about a third.
# FUZZ_EXAMPLES=n overrides the generated pass for a longer local hunt.
_SHARED = {
    "deadline": None,
    "database": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("fuzz-ci", max_examples=9, **_SHARED)
settings.register_profile("fuzz-dev", max_examples=3, **_SHARED)
PROFILE = settings.get_profile("fuzz-ci" if IN_CI else "fuzz-dev")
if os.environ.get("FUZZ_EXAMPLES"):
    PROFILE = settings(PROFILE, max_examples=int(os.environ["FUZZ_EXAMPLES"]))
# The schema-less random-bytes pass: a third as many.
BYTES_PROFILE = settings(PROFILE, max_examples=max(1, PROFILE.max_examples // 3))

ROUTES = all_routes()


class Stats:
    def __init__(self):
        self.requests = 0
        self.seconds = 0.0
        self.statuses: Counter = Counter()
        self.route_seconds: Counter = Counter()
        self.route_statuses: Counter = Counter()
        self.crawl_seconds = 0.0
        self.texts_checked = 0
        self.crawled = 0
        self.first = self.last = None  # perf_counter at the first and the last request: the wall time

    def record(self, route: str, status: int, seconds: float) -> None:
        self.last = time.perf_counter()
        self.first = self.first or self.last - seconds
        self.requests += 1
        self.seconds += seconds
        self.statuses[status // 100 * 100] += 1
        self.route_seconds[route] += seconds
        self.route_statuses[route, status] += 1


STATS = Stats()


@pytest.fixture(scope="session")
def site_map(django_db_setup, django_db_blocker):
    """A crawl of the demo data as the secretariat (who sees most), then a short one as a regional
    contact (who has status reports to fill in), rolled back afterwards."""
    started = time.perf_counter()
    site = SiteMap(routes=ROUTES)
    with django_db_blocker.unblock(), transaction.atomic():
        users = get_user_model().objects
        client = Client()
        client.force_login(users.get(username="sekretariat"))
        seeds = ["/"] + [reverse(r.name) for r in ROUTES if not r.params and r.name and "logout" not in r.name]
        crawl(client, site, seeds)
        client.force_login(users.get(username="regional"))
        crawl(client, site, ["/"], max_fetches=15)
        transaction.set_rollback(True)
    STATS.crawl_seconds, STATS.crawled = time.perf_counter() - started, site.fetched
    return site


def pytest_terminal_summary(terminalreporter):
    if not STATS.requests:
        return
    slowest = ", ".join(f"{route or '/'} {seconds:.1f} s" for route, seconds in STATS.route_seconds.most_common(5))
    statuses = ", ".join(f"{code // 100}xx: {n}" for code, n in sorted(STATS.statuses.items()))
    terminalreporter.write_sep("-", "fuzz")
    terminalreporter.write_line(
        f"{STATS.requests} generated requests over {len(ROUTES)} URL patterns in {STATS.seconds:.0f} s "
        f"(wall time of the fuzz tests {STATS.last - STATS.first:.0f} s) "
        f"({statuses}); {STATS.texts_checked} typed texts checked on refused forms; "
        f"crawl: {STATS.crawled} pages in {STATS.crawl_seconds:.0f} s"
    )
    terminalreporter.write_line(f"slowest patterns: {slowest}")
    if os.environ.get("FUZZ_REPORT"):  # per pattern: how many answers of each status
        for route in sorted({r for r, _status in STATS.route_statuses}):
            counts = " ".join(f"{s}×{n}" for (r, s), n in sorted(STATS.route_statuses.items()) if r == route)
            terminalreporter.write_line(f"  {route or '/'}: {counts}")
