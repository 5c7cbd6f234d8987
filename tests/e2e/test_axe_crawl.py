"""Accessibility: axe-core over every page each persona can reach (WCAG 2.1 AA).

For each persona of the tiny province the crawl starts at the home page and follows
same-origin links breadth-first (GET only; downloads, photos and the JSON API are not
pages), at most MAX_PAGES pages per persona and a few per URL shape (/rights/issues/7/
and /rights/issues/9/ are one template; ?state=a and ?state=b one filter). Each page is
checked at 1280 px and at 375 px; a serious or critical violation anywhere fails the test
with page, width, rule and target.
Pages added later are reached through the menus and links, so they are checked without
editing this file.

axe-core comes from the npm registry, pinned in package-lock.json and installed by
`make install` (`npm ci`). Without it the test fails under CI=true and is skipped loudly
elsewhere, as a missing Chromium is.
"""

import os
import re
from collections import Counter, deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client, TestCase
from playwright.sync_api import Browser, BrowserContext, Page
from pytest_django.live_server_helper import LiveServer

from tongxin.rights.models import Status
from tongxin.rights.tests.factories import walk
from tongxin.testing.province import PERSONAS, TinyProvince

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
MAX_PAGES = 40
# Pages of one shape checked per persona: an issue page differs by the issue's state (its
# forms), so a few of each; a filter's values (?state=…) share a template.
PER_SHAPE = {True: 4, False: 1}
WIDTHS = {"1280 px": (1280, 800), "375 px": (375, 667)}
FAILING_IMPACTS = {"serious", "critical"}
# Addresses that are not pages: files, photos, the JSON API (its Swagger page is django-
# ninja's own), Django's admin (not part of the product's pages).
NOT_PAGES = re.compile(
    r"^/(api/|admin/|static/|media/)|/photos?/|/export|/download|\.(xlsx|pdf|csv|json)$"
)
# Rules switched off, each with its reason. Keep this empty unless a reason is written here.
DISABLED_RULES: dict[str, str] = {}


def _axe_installed() -> bool:
    return AXE.is_file()


def load_axe(config: pytest.Config) -> str:
    """axe-core's source; a missing install fails under CI=true and skips loudly elsewhere."""
    if not _axe_installed():
        if os.environ.get("CI", "").lower() in {"true", "1"}:
            pytest.fail(
                f"CI=true and no axe-core at {AXE}: run `make install` (npm ci) first.",
                pytrace=False,
            )
        terminal = config.pluginmanager.get_plugin("terminalreporter")
        capture = config.pluginmanager.get_plugin("capturemanager")
        if terminal is not None and capture is not None:  # past the capture: skips hide
            with capture.global_and_fixture_disabled():
                terminal.write_line(
                    f"\n!!! ACCESSIBILITY CHECKS SKIPPED: no axe-core at {AXE}. Install npm "
                    "and run `make install` (npm ci); under CI=true this is a failure.",
                    red=True,
                    bold=True,
                )
        pytest.skip(f"no axe-core at {AXE}: install npm and run `make install`")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def axe_source(request: pytest.FixtureRequest) -> str:
    return load_axe(request.config)


def _seed_issues(province: TinyProvince) -> None:
    """Issues at the loop's main steps, so detail pages with each set of forms are crawled."""
    for status in (Status.SUBMITTED, Status.REFERRED, Status.ANSWERED, Status.FED_BACK):
        walk(province, status, title=f"三号楼热水每晚中断（{status}）")


def _shape(url: str) -> str:
    """/rights/issues/7/?page=2 → /rights/issues/N/?page: one template, one shape."""
    parts = urlsplit(url)
    keys = sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair})
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(keys) if keys else "")


def _where(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def session_cookie(province: TinyProvince, persona: str, base_url: str) -> dict[str, Any]:
    client = Client()
    client.force_login(province.people[persona])
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": base_url}


def _links(page: Page, base: str) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    found = []
    for href in hrefs:
        url, _frag = urldefrag(urljoin(page.url, href))
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != base or NOT_PAGES.search(parts.path):
            continue
        found.append(url)
    return found


AXE_OPTIONS = {
    "resultTypes": ["violations"],  # skip collecting the passes: a third faster
    "rules": {rule: {"enabled": False} for rule in DISABLED_RULES},
}


def _serious(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [v for v in result["violations"] if v["impact"] in FAILING_IMPACTS]


def check(page: Page) -> list[dict[str, Any]]:
    """The serious and critical violations axe finds on the page as it is now."""
    return _serious(page.evaluate("options => axe.run(document, options)", AXE_OPTIONS))


def _is_new(url: str, seen: set[str], shapes: Counter[str]) -> bool:
    shape = _shape(url)
    if url in seen or shapes[shape] >= PER_SHAPE[bool(re.search(r"\d", urlsplit(url).path))]:
        return False
    seen.add(url)
    shapes[shape] += 1
    return True


def _crawl(
    context: BrowserContext, base: str, checked: list[str]
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(page, width, violation) for every page reached from the home page.

    One tab per width: both load the page, then axe runs in both at once (each tab has its
    own renderer process), which halves the wall time on two cores."""
    tabs = {}
    for width, (w, h) in WIDTHS.items():
        tabs[width] = context.new_page()
        tabs[width].set_viewport_size({"width": w, "height": h})
    queue, seen, shapes = deque([f"{base}/"]), set[str](), Counter[str]()
    while queue and len(checked) < MAX_PAGES:
        url = queue.popleft()
        if not _is_new(url, seen, shapes):
            continue
        head = context.request.get(url)  # follows redirects (e.g. to the login page)
        if head.status != 200 or "text/html" not in head.headers.get("content-type", ""):
            continue
        if head.url != url and not _is_new(head.url, seen, shapes):
            continue
        url = head.url
        checked.append(_where(url))
        for tab in tabs.values():
            tab.goto(url)
            tab.evaluate("options => { window.__txAxe = axe.run(document, options); }", AXE_OPTIONS)
        for width, tab in tabs.items():
            for violation in _serious(tab.evaluate("() => window.__txAxe")):
                yield _where(url), width, violation
        queue.extend(_links(tabs["1280 px"], base))
    for tab in tabs.values():
        tab.close()


def _describe(path: str, width: str, v: dict[str, Any]) -> str:
    targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
    more = f" (+{len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else ""
    return f"{path} @ {width}: {v['id']} ({v['impact']}) — {targets}{more}"


@pytest.mark.parametrize("persona", ["anonymous", *PERSONAS])
def test_every_page_a_persona_reaches_passes_axe(
    persona: str,
    axe_source: str,
    browser: Browser,
    live_server: LiveServer,
    province: TinyProvince,
) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        _seed_issues(province)
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    try:
        context.add_init_script(script=axe_source)
        if persona != "anonymous":  # the visitor: the login page and what it links to
            context.add_cookies([session_cookie(province, persona, live_server.url)])
        checked: list[str] = []
        crawl = _crawl(context, live_server.url, checked)
        problems = [_describe(p, w, v) for p, w, v in crawl]
    finally:
        context.close()
    assert checked and (persona == "anonymous" or len(checked) >= 5), checked
    assert not problems, f"axe found serious/critical violations for {persona}:\n" + "\n".join(
        problems
    )
