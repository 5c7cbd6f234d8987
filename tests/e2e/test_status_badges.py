"""Every issue's status is a coloured, labelled badge whose text can be read (WCAG AA)."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tongxin.rights import services
from tongxin.rights.models import Status
from tongxin.rights.tests.factories import fresh, submit, walk
from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .contrast import read_text_style
from .helpers import submit_login
from .list_pages import LIST_PAGES, LOGINS, rows_on_every_list_page

pytestmark = pytest.mark.browser
STATES = [Status.SUBMITTED, Status.ACCEPTED, Status.REFERRED, Status.CLOSED, Status.WITHDRAWN]


def _issues_in_every_group(p: TinyProvince) -> set[str]:
    for index, state in enumerate(STATES):
        if state == Status.WITHDRAWN:
            issue = submit(p, title=f"状态样例 {index}")
            services.issue_withdraw(
                actor=p.student_a, issue=fresh(issue), expected_version=issue.version
            )
        else:
            walk(p, state, title=f"状态样例 {index}")
    return {str(Status(s).label) for s in STATES}


def _assert_every_status_readable(page: Page, expected: set[str]) -> None:
    # Lists draw a table from md up and cards below it: the badges of the hidden one are
    # not on the screen.
    badges = page.locator('[data-testid="status"]:visible')
    expect(badges.first).to_be_visible()
    seen = set()
    for index in range(badges.count()):
        style = read_text_style(badges.nth(index))
        assert style["visible"] and style["text"], f"status {index} is invisible: {style}"
        assert style["ratio"] >= 4.5, f"{style['text']}: contrast {style['ratio']:.2f} < 4.5"
        seen.add(style["text"])
    assert expected <= seen


def test_student_sees_each_status_of_her_issues_on_a_phone(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    expected = _issues_in_every_group(province)
    page = new_page(**PHONE)
    submit_login(page, school_code="TA01", login="2024001", password=PASSWORD)
    page.goto("/rights/mine/")
    _assert_every_status_readable(page, expected)
    page.goto("/")  # the home page's list of her issues
    _assert_every_status_readable(page, set())
    page.goto("/rights/mine/")
    page.get_by_role("link", name="状态样例 0").click()  # the issue's own page
    _assert_every_status_readable(page, {"已提交"})


@pytest.mark.parametrize("screen", [{}, PHONE], ids=["desktop", "phone"])
def test_officer_sees_each_open_status_in_the_queue(
    new_page: Callable[..., Page], province: TinyProvince, screen: dict
) -> None:
    _issues_in_every_group(province)
    page = new_page(**screen)
    submit_login(page, school_code="TA01", login="2022001", password=PASSWORD)
    page.goto("/rights/queue/")
    # The queue lists open issues: 已办结 and 已撤回 are filtered out by default.
    _assert_every_status_readable(page, {"已提交", "已受理", "已转办"})


def test_every_state_badge_on_the_list_pages_is_readable(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    """Selection, assessment, staff and rights badges alike: the one status component."""
    rows_on_every_list_page(province)
    checked, problems = 0, []
    for persona in dict.fromkeys(item.persona for item in LIST_PAGES):
        page = new_page()
        code, login = LOGINS[persona]
        submit_login(page, school_code=code, login=login, password=PASSWORD)
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        for item in (i for i in LIST_PAGES if i.persona == persona):
            page.goto(item.url)
            badges = page.locator(".status-badge:visible")
            for index in range(badges.count()):
                style = read_text_style(badges.nth(index))
                checked += 1
                if not (style["visible"] and style["text"] and style["ratio"] >= 4.5):
                    problems.append(f"{item.url}: {style}")
    assert checked >= 8 and not problems, problems
