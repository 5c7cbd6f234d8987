"""How the pages look: styled by the vendored Bootstrap, usable on a 375 px phone."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tongxin.testing.province import PASSWORD

from .helpers import LOGIN_PATH, submit_login

pytestmark = pytest.mark.browser

PHONE_WIDTH = 375


def test_live_server_serves_vendored_bootstrap_and_it_styles_the_navbar(page: Page) -> None:
    with page.expect_response(lambda r: r.url.endswith("/bootstrap.min.css")) as css:
        page.goto(LOGIN_PATH)

    assert css.value.status == 200
    navbar = page.locator("nav.navbar")
    expect(navbar).to_have_css("display", "flex")  # Bootstrap's .navbar
    expect(navbar).to_have_css("background-color", "rgb(183, 28, 28)")  # site.css .bg-tongxin
    expect(page.get_by_role("button", name="登录")).to_have_css(
        "background-color",
        "rgb(13, 110, 253)",  # Bootstrap's .btn-primary
    )


def test_student_home_on_a_phone_fits_the_screen_without_horizontal_scroll(
    phone_page: Page, tmp_path: Path
) -> None:
    page = phone_page
    submit_login(page, school_code="TA01", login="2024001", password=PASSWORD)
    expect(page.get_by_test_id("home-student")).to_be_visible()

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH

    shot = tmp_path / "student-home-375.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert shot.stat().st_size > 1000


def test_navbar_on_a_phone_collapses_to_toggler_that_reveals_notifications(
    phone_page: Page,
) -> None:
    page = phone_page
    submit_login(page, school_code="TA01", login="2024001", password=PASSWORD)
    toggler = page.get_by_role("button", name="切换导航")
    notifications = page.get_by_test_id("notifications-link")

    expect(toggler).to_be_visible()
    expect(notifications).to_be_hidden()

    toggler.click()

    expect(notifications).to_be_visible()
    expect(notifications).to_have_text("通知")
    expect(toggler).to_have_attribute("aria-expanded", "true")
