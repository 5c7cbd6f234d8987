"""End-to-end fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

DESIGN.md's set-up contract: browser tests run in Debian's Chromium. When it is missing they
fail under CI=true, and elsewhere they are skipped with a loud line in the terminal summary,
so nobody mistakes a skipped browser suite for a passing one.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Response,
    sync_playwright,
)
from pytest_django.live_server_helper import LiveServer

from tongxin.testing.province import TinyProvince

# TONGXIN_CHROMIUM points at another binary (or, to check the skip/fail logic, at none).
CHROMIUM = os.environ.get("TONGXIN_CHROMIUM", "/usr/bin/chromium")
# Playwright's own browser download is not used: the flags keep Debian's Chromium quiet,
# offline and working as root inside containers.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# An iPhone-sized screen (DESIGN.md: student pages work on a 375 px phone). is_mobile makes
# Chromium honour the page's <meta name="viewport">, as a phone does.
PHONE = {
    "viewport": {"width": 375, "height": 667},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
NO_CHROMIUM = pytest.StashKey[str]()


def _chromium_is_installed() -> bool:
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


@pytest.fixture(scope="package")
def playwright(request: pytest.FixtureRequest) -> Iterator[Playwright]:
    if not _chromium_is_installed():
        if os.environ.get("CI", "").lower() in {"true", "1"}:
            pytest.fail(
                f"CI=true and no Chromium at {CHROMIUM}: browser tests must run in CI. "
                "Install Debian's package (apt-get install chromium) or set TONGXIN_CHROMIUM.",
                pytrace=False,
            )
        request.config.stash[NO_CHROMIUM] = CHROMIUM
        pytest.skip(f"no Chromium at {CHROMIUM}")
    # Playwright's sync API keeps an asyncio loop marked as running in this thread from
    # start() to stop(), and Django then refuses every ORM call made here (creating the
    # province, flushing the database after a test, clearing the cache) with
    # SynchronousOnlyOperation. The refusal guards against blocking a loop that serves
    # coroutines; this loop only serves Playwright's own calls, and no coroutine of ours
    # touches the database, so the check is a false alarm. The exemption lives exactly as
    # long as the loop: set on start, removed on stop, and package-scoped so the rest of
    # the suite never runs with it.
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        driver = sync_playwright().start()
        try:
            yield driver
        finally:
            driver.stop()


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """One Chromium for all the browser tests; each test gets its own context."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(autouse=True)
def _fresh_cache(transactional_db: None) -> Iterator[None]:
    # The database cache table is not flushed between transactional tests, so login
    # failure counters (and the cached demo flag) would leak from one test into the next.
    cache.clear()
    yield
    cache.clear()


class BrowserProblems(list[str]):
    """What a page did wrong that no assertion looks at: script errors, broken static files."""

    def watch(self, page: Page) -> None:
        page.on("pageerror", lambda error: self.append(f"JavaScript error: {error}"))
        page.on("console", self._on_console)
        page.on("response", self._on_response)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.append(f"console error: {message.text}")

    def _on_response(self, response: Response) -> None:
        if "/static/" in response.url and response.status >= 400:
            self.append(f"{response.status} for {response.url}")


@pytest.fixture
def new_page(
    browser: Browser, live_server: LiveServer, province: TinyProvince
) -> Iterator[Callable[..., Page]]:
    """new_page(**context_options) → a page in a fresh browser context on the live server.

    Asking for it seeds the tiny province first. Every page is watched: a JavaScript error
    or a static file that fails to load fails the test.
    """
    contexts: list[BrowserContext] = []
    problems = BrowserProblems()

    def make(**options: Any) -> Page:
        context = browser.new_context(base_url=live_server.url, locale="zh-CN", **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        problems.watch(page)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not problems, "the browser saw problems:\n" + "\n".join(problems)


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """A desktop-sized page (1280 × 720)."""
    return new_page()


@pytest.fixture
def phone_page(new_page: Callable[..., Page]) -> Page:
    """A page on a 375 px wide phone screen."""
    return new_page(**PHONE)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    missing = config.stash.get(NO_CHROMIUM, None)
    if missing is None:
        return
    skipped = sum(1 for r in terminalreporter.stats.get("skipped", []) if "browser" in r.keywords)
    terminalreporter.write_sep(
        "!", f"BROWSER TESTS SKIPPED: no Chromium at {missing}", red=True, bold=True
    )
    terminalreporter.write_line(
        f"{skipped} browser test(s) did not run. Install Debian's Chromium "
        "(apt-get install chromium) or set TONGXIN_CHROMIUM; under CI=true this is a failure.",
        red=True,
        bold=True,
    )
