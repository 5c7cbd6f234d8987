"""Forms in Chromium (issue 9, items 13, 20, 23, 24): a failed submit moves the focus to an
error summary whose links lead to each bad field, the typed text stays, counters follow the
typing, withdrawal asks first, the red bar's links and focus ring keep their contrast."""

from collections.abc import Callable, Iterator

import pytest
from django.test import TestCase
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from tongxin.rights.models import Issue, Status
from tongxin.rights.tests.factories import fresh, walk
from tongxin.testing.province import TinyProvince

from .conftest import PHONE
from .test_axe_crawl import check, load_axe, session_cookie

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe_source(request: pytest.FixtureRequest) -> str:
    return load_axe(request.config)


@pytest.fixture
def as_persona(
    browser: Browser, live_server: LiveServer, province: TinyProvince
) -> Iterator[Callable[..., Page]]:
    """as_persona("officer_a", **context_options) → a logged-in page; script errors fail."""
    contexts, errors = [], []

    def make(persona: str, **options: object) -> Page:
        context = browser.new_context(base_url=live_server.url, locale="zh-CN", **options)
        context.set_default_timeout(10_000)
        context.add_cookies([session_cookie(province, persona, live_server.url)])
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, errors


def _issue(province: TinyProvince, status: str) -> Issue:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return walk(province, status, title="三号楼热水每晚中断")


def test_a_refused_answer_focuses_the_summary_keeps_the_text_and_links_to_the_box(
    as_persona: Callable[..., Page], province: TinyProvince, axe_source: str
) -> None:
    issue = _issue(province, Status.REFERRED)
    page = as_persona("handler_a")
    page.goto(f"/rights/issues/{issue.pk}/")
    form = page.get_by_test_id("action-office-answer")
    expect(form.get_by_role("heading", name="部门答复")).to_be_visible()
    box = form.get_by_label("答复内容")
    box.fill("经核实")
    expect(form.get_by_text("已输入 3 / 2000 字")).to_be_visible()
    box.fill("   ")
    form.get_by_role("button", name="提交答复").click()

    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    link = summary.get_by_role("link", name="答复内容：请填写此项。")
    link.click()
    box = page.get_by_test_id("action-office-answer").get_by_label("答复内容")
    expect(box).to_be_focused()
    expect(box).to_have_attribute("aria-invalid", "true")
    message = page.locator(f"#{box.get_attribute('aria-describedby').split()[0]}")
    expect(message).to_have_text("请填写此项。")
    assert fresh(issue).status == Status.REFERRED
    page.evaluate(axe_source)
    assert not [v["id"] for v in check(page)], "the refused page fails axe"


def test_text_longer_than_the_limit_is_cut_by_the_box_and_counted(
    as_persona: Callable[..., Page], province: TinyProvince
) -> None:
    issue = _issue(province, Status.SUBMITTED)
    page = as_persona("officer_a")
    page.goto(f"/rights/issues/{issue.pk}/")
    box = page.get_by_test_id("action-decline").get_by_label("说明（将告知同学）")
    box.fill("字" * 2100)
    assert len(box.input_value()) == 2000
    expect(
        page.get_by_test_id("action-decline").get_by_text("已输入 2000 / 2000 字")
    ).to_be_visible()


def test_decline_without_a_reason_keeps_the_explanation(
    as_persona: Callable[..., Page], province: TinyProvince
) -> None:
    issue = _issue(province, Status.SUBMITTED)
    page = as_persona("officer_a")
    page.goto(f"/rights/issues/{issue.pk}/")
    form = page.get_by_test_id("action-decline")
    expect(form.get_by_label("不予受理理由")).to_have_value("")
    form.get_by_label("说明（将告知同学）").fill("与 #3 重复")
    form.get_by_role("button", name="不予受理").click()
    expect(page.get_by_test_id("error-summary")).to_be_focused()
    expect(page.get_by_test_id("error-summary")).to_contain_text("不予受理理由：请选择此项。")
    kept = page.get_by_test_id("action-decline").get_by_label("说明（将告知同学）")
    expect(kept).to_have_value("与 #3 重复")
    assert fresh(issue).status == Status.SUBMITTED


def test_the_student_confirms_before_an_issue_is_withdrawn(
    as_persona: Callable[..., Page], province: TinyProvince
) -> None:
    issue = _issue(province, Status.SUBMITTED)
    page = as_persona("student_a", **PHONE)
    page.goto(f"/rights/issues/{issue.pk}/")
    expect(page.get_by_test_id("due-explained")).to_contain_text("24 小时内")
    page.get_by_role("button", name="撤回诉求…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("确定撤回这条诉求吗？")
    assert fresh(issue).status == Status.SUBMITTED
    page.get_by_role("link", name="不撤回，返回诉求").click()
    assert fresh(issue).status == Status.SUBMITTED
    page.get_by_role("button", name="撤回诉求…").click()
    page.get_by_role("button", name="确定撤回").click()
    expect(page.get_by_text("已撤回。")).to_be_visible()
    assert fresh(issue).status == Status.WITHDRAWN


def test_the_submit_form_focuses_its_summary_and_announces_similar_issues_politely(
    as_persona: Callable[..., Page], province: TinyProvince, axe_source: str
) -> None:
    page = as_persona("student_a", **PHONE)
    page.goto("/rights/submit/")
    expect(page.locator("#similar")).to_have_attribute("aria-live", "polite")
    page.get_by_label("问题描述").fill("晚上十点以后热水就没了")
    expect(page.get_by_text("已输入 11 / 2000 字")).to_be_visible()
    page.get_by_role("button", name="提交", exact=True).click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="标题：请填写标题。").click()
    expect(page.get_by_label("标题")).to_be_focused()
    expect(page.get_by_label("问题描述")).to_have_value("晚上十点以后热水就没了")
    page.evaluate(axe_source)
    assert not [v["id"] for v in check(page)], "the refused submit page fails axe"


def test_the_red_bar_has_white_links_and_a_white_focus_ring(
    as_persona: Callable[..., Page],
) -> None:
    page = as_persona("officer_a")
    page.goto("/")
    link = page.locator("nav.navbar .nav-link").first
    expect(link).to_have_css("color", "rgb(255, 255, 255)")
    page.keyboard.press("Tab")  # the brand, first on the page
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const e = document.activeElement, s = getComputedStyle(e);"
        " return [e.closest('nav') !== null, s.outlineStyle, s.outlineColor]; }"
    )
    assert focused == [True, "solid", "rgb(255, 255, 255)"]


def test_links_in_tinted_boxes_keep_their_contrast(
    as_persona: Callable[..., Page], axe_source: str
) -> None:
    """The warning, danger and info boxes and a to-do row (#fff3cd) with plain links, muted
    text and link-styled buttons: axe finds no colour-contrast problem in them."""
    page = as_persona("advisor_a")
    page.goto("/")
    page.evaluate(
        """() => {
        const main = document.querySelector('main');
        for (const kind of ['alert alert-warning', 'alert alert-danger', 'alert alert-info',
                            'list-group-item list-group-item-warning', 'bg-light p-2']) {
          const box = document.createElement('div');
          box.className = kind + ' small';
          box.innerHTML = '<a href="#">去录入</a> <span class="text-muted">11-27 16:05</span>'
            + ' <button class="btn btn-sm btn-link p-0" type="button">查看</button>';
          main.prepend(box);
        }
      }"""
    )
    page.evaluate(axe_source)
    found = [v for v in check(page) if v["id"] == "color-contrast"]
    assert not found, [n["target"] for v in found for n in v["nodes"]]
