"""Tapping 查看 on a notification in Chromium (issue 9, item 19): it opens the page the
notification is about, and the header's unread badge counts it as read."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tongxin.notifications.services import notify
from tongxin.testing.province import PASSWORD, TinyProvince

from .helpers import submit_login

pytestmark = pytest.mark.browser


def test_viewing_a_notification_opens_its_page_and_lowers_the_badge(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    for title, url in (
        ("您的诉求已受理", "/rights/mine/"),
        ("您的诉求已答复", "/rights/mine/"),
        ("新的任职公示", "/selection/notice/"),
    ):
        notify(recipients=[province.student_a], verb="t.x.y", title=title, url=url)
    page = new_page()
    submit_login(page, school_code="TA01", login="2024001", password=PASSWORD)
    expect(page.get_by_test_id("unread-count")).to_have_text("3")
    page.get_by_test_id("notifications-link").click()
    item = page.get_by_test_id("notification-list").locator("li", has_text="您的诉求已答复")
    item.get_by_role("button", name="查看").click()
    expect(page).to_have_url(re.compile(r"/rights/mine/$"))
    expect(page.get_by_test_id("unread-count")).to_have_text("1")
    page.go_back()
    page.reload()
    expect(page.get_by_test_id("unread-count")).to_have_text("1")
