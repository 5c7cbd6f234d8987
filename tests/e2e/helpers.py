"""What a person does on the pages, in the words of the pages."""

import re

from playwright.sync_api import Page, expect

LOGIN_PATH = "/accounts/login/"


def submit_login(page: Page, *, school_code: str, login: str, password: str) -> None:
    """Fill the login form as a person would and press 登录."""
    if not page.url.endswith(LOGIN_PATH):
        page.goto(LOGIN_PATH)
    form = page.get_by_test_id("login-form")
    form.get_by_label("学校代码", exact=True).fill(school_code)
    form.get_by_label("学号/工号或用户名", exact=True).fill(login)
    form.get_by_label("密码", exact=True).fill(password)
    form.get_by_role("button", name="登录").click()


def expect_login_page(page: Page) -> None:
    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH)))
    expect(page.get_by_test_id("login-form")).to_be_visible()
