"""What the fuzz test knows about the portal before it starts: every URL pattern, and, from one
crawl of the demo data as the secretariat, real paths, query keys and the forms that post to each.
"""

import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RoutePattern

# Django's own admin (hundreds of generated pages, all staff-only) is not fuzzed.
SKIPPED_PREFIXES = ("admin/",)
PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
# Pages worth opening during the crawl: HTML, not files.
NOT_CRAWLED = re.compile(r"\.(pdf|ics|xlsx|csv)$|/(fil|hent)/$|^/(logout|i18n)/|[?&]format=")
SAMPLES_PER_ROUTE = 4
FORMS_PER_ROUTE = 6


@dataclass(frozen=True)
class Route:
    route: str  # the full route, e.g. "projekter/<int:pk>/faser/"
    name: str

    @property
    def params(self) -> list[tuple[str, str]]:
        """(name, converter) of each path parameter, in order."""
        return [(m["name"], m["converter"] or "str") for m in PARAM.finditer(self.route)]

    def build(self, values: dict[str, str]) -> str:
        return "/" + PARAM.sub(lambda m: values[m["name"]], self.route)

    def raw_values(self, path: str) -> dict[str, str] | None:
        """The path's parameter values as typed (before any converter), if the path is this route's."""
        regex, end = "^/", 0
        for m in PARAM.finditer(self.route):
            regex += re.escape(self.route[end : m.start()]) + f"(?P<{m['name']}>[^/]+?)"
            end = m.end()
        match = re.match(regex + re.escape(self.route[end:]) + "$", path)
        return match.groupdict() if match else None


@dataclass
class FormField:
    name: str
    kind: str  # text, date, month, number, choice, file
    values: set[str] = field(default_factory=set)  # what the page offers (options, hidden values, buttons)


@dataclass
class Form:
    method: str
    fields: dict[str, FormField] = field(default_factory=dict)

    def add(self, name: str, kind: str, value: str | None = None) -> None:
        known = self.fields.setdefault(name, FormField(name, kind))
        if kind == "choice" and known.kind != "choice":
            known.kind = "choice"
        if value is not None:
            known.values.add(value)


@dataclass
class SiteMap:
    routes: list[Route]
    paths: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    query_keys: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    query_values: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    forms: dict[str, list[Form]] = field(default_factory=lambda: defaultdict(list))
    fetched: int = 0

    def raw_values(self, route: Route) -> dict[str, list[str]]:
        """Each parameter's values seen in real paths of the route, or of a route that shares the path up
        to that parameter (the ids of "version/<id:pk>/" serve "version/<id:pk>/linje/" too)."""
        seen: dict[str, list[str]] = defaultdict(list)
        for match in PARAM.finditer(route.route):
            prefix = route.route[: match.end()]
            for other, paths in self.paths.items():
                if not other.startswith(prefix):
                    continue
                for path in paths:
                    value = (Route(other, "").raw_values(path) or {}).get(match["name"])
                    if value is not None and value not in seen[match["name"]]:
                        seen[match["name"]].append(value)
        return seen


def all_routes() -> list[Route]:
    """Every route pattern of the URLconf, with its full route string."""
    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for entry in patterns:
            if not isinstance(entry.pattern, RoutePattern):
                continue  # regex patterns (none in the portal's own URLconfs)
            route = prefix + str(entry.pattern)
            if route.startswith(SKIPPED_PREFIXES):
                continue
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route, ":".join(filter(None, [namespace, entry.namespace])))
            elif isinstance(entry, URLPattern):
                found.append(Route(route, ":".join(filter(None, [namespace, entry.name or ""]))))

    walk(get_resolver().url_patterns, "", "")
    return sorted(set(found), key=lambda r: r.route)


class _PageParser(HTMLParser):
    """Links, and the forms with their fields, of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[tuple[str, Form]] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(method=a.get("method", "get").lower())
            self.forms.append((a.get("action", ""), self._form))
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("hidden", "radio", "checkbox", "submit"):
                self._form.add(a["name"], "choice", a.get("value", "on" if kind == "checkbox" else ""))
            elif kind in ("date", "month", "number", "file"):
                self._form.add(a["name"], kind)
            else:
                self._form.add(a["name"], "text")
        elif tag == "button" and a.get("value") is not None:
            self._form.add(a["name"], "choice", a["value"])
        elif tag == "textarea":
            self._form.add(a["name"], "text")
        elif tag == "select":
            self._select = a["name"]
            self._form.add(a["name"], "choice")
        if tag == "option" and self._form is not None and self._select:
            self._form.add(self._select, "choice", a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _route_of(path: str) -> str | None:
    try:
        route = resolve(path).route
    except Resolver404:
        return None
    return None if route.startswith(SKIPPED_PREFIXES) else route


def crawl(client, site: SiteMap, seeds: list[str], max_fetches: int = 200) -> SiteMap:
    """Breadth-first through the links, opening each route's page at most once per crawl."""
    queue, opened, fetched = deque(seeds), set(), 0
    while queue and fetched < max_fetches:
        url = queue.popleft()
        parts = urlsplit(url)
        route = _route_of(parts.path)
        if route is None:
            continue
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            site.query_keys[route].add(key)
            site.query_values[key].add(value)
        samples = site.paths[route]
        if parts.path not in samples and len(samples) < SAMPLES_PER_ROUTE:
            samples.append(parts.path)
        if route in opened or NOT_CRAWLED.search(url):
            continue
        opened.add(route)
        response = client.get(url)
        site.fetched, fetched = site.fetched + 1, fetched + 1
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = _PageParser()
        page.feed(response.content.decode("utf-8", "replace"))
        for action, form in page.forms:
            target = _route_of(urlsplit(action).path or parts.path) if action else route
            if target is None:
                continue
            if form.method == "get":
                site.query_keys[target].update(form.fields)
                for f in form.fields.values():
                    site.query_values[f.name].update(f.values)
            elif len(site.forms[target]) < FORMS_PER_ROUTE:
                site.forms[target].append(form)
            if action:
                queue.append(action)
        queue.extend(href for href in page.links if href.startswith("/") and not href.startswith("//"))
    return site
