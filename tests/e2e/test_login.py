"""Logging in and out through the real pages, as each kind of person does."""

import re

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from tongxin.accounts.models import LoginThrottle
from tongxin.audit.models import AuditEvent
from tongxin.testing.province import PASSWORD

from .helpers import LOGIN_PATH, expect_login_page, submit_login

pytestmark = pytest.mark.browser

WRONG_CREDENTIALS = "学校代码、学号/工号（或用户名）或密码不正确。"


def test_student_login_with_school_code_and_number_lands_on_student_home(page: Page) -> None:
    submit_login(page, school_code="TA01", login="2024001", password=PASSWORD)

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_test_id("home-student")).to_be_visible()
    expect(page.get_by_test_id("my-items-empty")).to_contain_text("暂无记录")
    expect(page.get_by_test_id("user-menu")).to_have_text("张同学")
    expect(page.get_by_role("heading", level=1)).to_have_text("您好，张同学")


def test_union_president_login_sees_officer_section_with_own_name_on_roster(page: Page) -> None:
    submit_login(page, school_code="TA01", login="2022001", password=PASSWORD)

    officer = page.get_by_test_id("home-officer")
    expect(officer).to_be_visible()
    expect(officer).to_contain_text("甲大学学生会")
    expect(officer.get_by_test_id("union-roster")).to_contain_text("赵主席 · 主席")


def test_wrong_password_shows_chinese_error_and_stays_on_login(page: Page) -> None:
    submit_login(page, school_code="TA01", login="2024001", password="not-the-password")

    expect_login_page(page)
    expect(page.get_by_test_id("form-errors")).to_have_text(WRONG_CREDENTIALS)
    expect(page.get_by_test_id("user-menu")).to_have_count(0)


def test_repeated_failures_make_the_next_attempt_wait_and_say_how_long(page: Page) -> None:
    for _ in range(settings.LOGIN_THROTTLE_AFTER):
        submit_login(page, school_code="TA01", login="2024001", password="guess")
        expect(page.get_by_test_id("form-errors")).to_have_text(WRONG_CREDENTIALS)
    # The last failure happened just now, whatever the machine's speed: one second to wait.
    # (The delay is per login name and client address: the row for the browser's address.)
    rows = LoginThrottle.objects.filter(key__startswith="name:TA01:2024001|")
    assert rows.update(last_failure_at=timezone.now()) == 1

    submit_login(page, school_code="TA01", login="2024001", password=PASSWORD)

    expect_login_page(page)
    expect(page.get_by_test_id("form-errors")).to_contain_text("请等待 1 秒后再试")
    assert AuditEvent.objects.filter(action="accounts.user.login_throttled").count() == 1


def test_logout_from_user_menu_returns_to_login_and_home_then_asks_to_log_in(page: Page) -> None:
    submit_login(page, school_code="TA01", login="2024001", password=PASSWORD)
    expect(page.get_by_test_id("home-student")).to_be_visible()

    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="退出登录").click()

    expect_login_page(page)
    page.goto("/")
    expect_login_page(page)
    expect(page).to_have_url(re.compile(re.escape(f"{LOGIN_PATH}?next=/")))
