"""The Content-Security-Policy (self only, no inline script or style) in Chromium: the
statistics page still draws its ECharts canvases, htmx still answers while typing, and
the browser reports no violation (issue 9, item 7).

Every page of the browser suite is watched for console errors (conftest.BrowserProblems),
and Chromium logs each CSP violation as one — also for markup built off the document, as
ECharts' HTML tooltips were. The attached document's `securitypolicyviolation` events are
collected as well, so a violation there fails whatever the console's wording."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tongxin.rights.tests.factories import submit
from tongxin.testing.province import PASSWORD, TinyProvince

from .helpers import submit_login

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
});
"""


def _logged_in(new_page: Callable[..., Page], number: str) -> Page:
    page = new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    submit_login(page, school_code="TA01", login=number, password=PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")
    return page


def _violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__cspViolations"))


def test_the_statistics_page_draws_its_charts_under_the_policy(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    page = _logged_in(new_page, "T3001")  # the league advisor of school A
    response = page.goto(f"/stats/schools/{province.school_a.pk}/")
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    for chart in ("chart-days", "chart-ratings", "chart-categories", "chart-months"):
        canvas = page.locator(f"#{chart} canvas").first
        expect(canvas).to_be_visible()
        box = canvas.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100
    page.locator("#chart-months canvas").first.hover()  # a tooltip is drawn, not injected
    assert _violations(page) == []


def test_similar_issues_still_appear_while_typing_under_the_policy(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    submit(province, student="student_a", title="二食堂晚餐涨价")
    page = _logged_in(new_page, "2024001")
    page.goto("/rights/submit/")
    title = page.get_by_label("标题")
    # Chinese arrives as text input (an IME) with no key events: the box listens to `input`.
    title.fill("二食堂晚餐")
    expect(page.locator("#similar")).to_contain_text("二食堂晚餐涨价")
    assert page.evaluate("document.querySelectorAll('style').length") == 0  # htmx's is off
    assert _violations(page) == []


def test_the_api_docs_run_swagger_from_this_server_under_the_policy(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    page = _logged_in(new_page, "2022001")  # a union officer
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url) if "localhost" not in r.url else None)
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("同心")
    assert external == [] and _violations(page) == []
