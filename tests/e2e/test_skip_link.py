"""The first Tab on a page reaches the skip link, which takes the keyboard to the content."""

import pytest
from playwright.sync_api import Page, expect

from tongxin.testing.province import PASSWORD

from .helpers import submit_login

pytestmark = pytest.mark.browser


def test_skip_link_appears_on_first_tab_and_moves_focus_to_main(page: Page) -> None:
    submit_login(page, school_code="TA01", login="2024001", password=PASSWORD)
    expect(page.get_by_test_id("home-student")).to_be_visible()
    skip = page.get_by_test_id("skip-link")
    expect(skip).not_to_be_in_viewport()  # visually hidden until focused
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    expect(skip).to_have_text("跳到正文")
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
