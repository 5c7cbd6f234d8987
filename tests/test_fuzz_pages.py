"""No page answers 5xx to hostile input (issue 9, item 6).

The list of pages is not written here: it comes from the URL resolver, so a page added
later is fuzzed without editing this file. Each page is requested by several personas with
ids of real objects and bogus ones in its path, then with hostile page numbers, and with
hostile values in every field of its GET forms (the filters), found in the page itself.
On the way it checks that a page loading ECharts (368 KB gzipped) draws a chart.
Django's admin is left out (Django's own, not ours); the API has its own fuzz test
(test_fuzz_api.py, from the OpenAPI document).
"""

import logging
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from tongxin.rights.tests.factories import rights_world
from tongxin.testing.province import TinyProvince

PERSONAS = ["student_a", "officer_a", "handler_a", "advisor_a", "province_admin"]
SKIPPED_PREFIXES = ("admin/", "api/")
BOGUS_IDS = [0, 2**63, 10**20]
HOSTILE_PAGES = ["0", "-1", "abc", str(2**63)]
HOSTILE_VALUES = [str(2**63), "abc"]
CONVERTER = re.compile(r"<(?:(?P<kind>[a-z]+):)?(?P<name>\w+)>")


def _routes(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for entry in patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue  # regex patterns: the admin and Django's own views
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def page_routes() -> list[str]:
    return sorted(
        r for r in set(_routes(get_resolver().url_patterns)) if not r.startswith(SKIPPED_PREFIXES)
    )


def _fill(route: str, value: object) -> str:
    def one(match: re.Match[str]) -> str:
        kind = match["kind"] or "str"
        if kind == "int":
            return str(value)
        return "x" if isinstance(value, int) and value in BOGUS_IDS else "view"

    return "/" + CONVERTER.sub(one, route)


class _GetFields(HTMLParser):
    """Names of the fields of the page's GET forms and of the parameters of its links to
    itself (`?flagged=1`, `?sort=…`): the filters a list page offers."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and (values.get("href") or "").startswith("?"):
            self.names.update(parse_qs(str(values["href"])[1:], keep_blank_values=True))
        elif tag == "form":
            self._in_get_form = (values.get("method") or "get").lower() == "get"
        elif self._in_get_form and tag in {"input", "select", "textarea"} and values.get("name"):
            self.names.add(str(values["name"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_get_form = False


def get_fields(html: str) -> set[str]:
    parser = _GetFields()
    parser.feed(html)
    return parser.names


READ_KEYS: set[str] = set()


class _RecordingQueryDict(QueryDict):
    """request.GET that notes each parameter the view reads, so parameters a page takes
    without offering them in a form or link (`?union=`, `?year=`) are fuzzed too."""

    def __getitem__(self, key: str) -> Any:
        READ_KEYS.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        READ_KEYS.add(key)
        return super().get(key, default)

    def getlist(self, key: str, default: Any = None) -> list[Any]:
        READ_KEYS.add(key)
        return super().getlist(key, default)

    def __contains__(self, key: object) -> bool:
        READ_KEYS.add(str(key))
        return super().__contains__(key)


class RecordGetKeys:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        request.GET = _RecordingQueryDict(request.META.get("QUERY_STRING", ""))
        return self.get_response(request)


class Prober:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.requests = 0

    def get(self, client: Client, who: str, url: str, query: dict[str, str] | None = None) -> Any:
        self.requests += 1
        READ_KEYS.clear()
        try:
            response = client.get(url, query or {})
        except Exception as exc:  # the test client re-raises what the view raised
            self.failures.append(f"{who} GET {url} {query or ''}: {type(exc).__name__}: {exc}")
            return None
        if response.streaming:  # reading a download to its end closes its file
            b"".join(response.streaming_content)
        if response.status_code >= 500:
            self.failures.append(f"{who} GET {url} {query or ''}: {response.status_code}")
        return response


def _clients(province: TinyProvince) -> dict[str, Client]:
    clients = {"anonymous": Client()}
    for persona in PERSONAS:
        clients[persona] = Client()
        clients[persona].force_login(province.people[persona])
    return clients


def _real_ids(province: TinyProvince) -> list[int]:
    """Ids that name real rows of the tables the pages read most: issues, schools, unions,
    people."""
    return sorted(
        {
            province.issues["referred"].pk,
            province.school_a.pk,
            province.union_a.pk,
            province.student_a.pk,
        }
    )


def _is_html(response: Any) -> bool:
    return response.status_code == 200 and "text/html" in response.get("Content-Type", "")


def _fuzz_queries(
    prober: Prober, client: Client, who: str, url: str, html: str, read: set[str]
) -> None:
    for page in HOSTILE_PAGES:
        prober.get(client, who, url, {"page": page})
    for name in sorted((get_fields(html) | read) - {"page", "csrfmiddlewaretoken"}):
        for value in HOSTILE_VALUES:
            prober.get(client, who, url, {name: value, "page": "2"})


def test_the_resolver_yields_the_pages_this_test_fuzzes():
    routes = page_routes()
    assert "rights/queue/" in routes and "staff/unions/<int:pk>/" in routes
    assert not any(r.startswith(SKIPPED_PREFIXES) for r in routes)


def test_field_names_come_from_get_forms_only():
    html = (
        '<form><input name="q"><select name="category"></select></form>'
        '<form method="post"><input name="title"></form><a href="?flagged=1&amp;page=2">'
    )
    assert get_fields(html) == {"q", "category", "flagged", "page"}


@pytest.fixture
def fuzzing(monkeypatch, settings):
    """Thousands of expected 403/404 lines would bury the report (failures are collected);
    every request records the query parameters its view reads."""
    monkeypatch.setattr(logging.getLogger("django.request"), "disabled", True)
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.RecordGetKeys"]


def test_no_page_answers_5xx_to_hostile_ids_pages_or_filters(province, fuzzing):
    rights_world(province)
    clients = _clients(province)
    prober = Prober()
    for route in page_routes():
        has_ids = "<int:" in route
        fuzzed: set[str] = set()  # the query is fuzzed once per (page, persona)
        for value in _real_ids(province) if has_ids else [None]:
            url = _fill(route, value)
            for who, client in clients.items():
                response = prober.get(client, who, url)
                read = set(READ_KEYS)
                if response is None or who in fuzzed | {"anonymous"} or response.status_code >= 400:
                    continue
                fuzzed.add(who)
                html = response.content.decode() if _is_html(response) else ""
                if "echarts" in html and 'id="chart-' not in html:
                    prober.failures.append(f"{who} GET {url}: loads ECharts, draws no chart")
                _fuzz_queries(prober, client, who, url, html, read)
        for value in BOGUS_IDS if has_ids else []:
            for who in ("advisor_a", "province_admin"):
                prober.get(clients[who], who, _fill(route, value))
    assert prober.requests > 500, "the resolver should yield every page"
    assert not prober.failures, "5xx answers:\n" + "\n".join(prober.failures)
