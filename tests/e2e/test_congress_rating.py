"""The city federation rates a school union's congress (issue 13, Rating): city 1's staff
member opens the table, rates 甲大学学生会's congress of the year 优, and the grade shows in
the table; on a 375 px phone the table's cards and the form still work."""

from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tongxin.congress.models import Grade, Rating
from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .helpers import submit_login

pytestmark = pytest.mark.browser


def _city_staff(new_page: Callable[..., Page], **options: object) -> Page:
    page = new_page(**options)
    submit_login(page, school_code="", login="city1", password=PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")
    return page


def test_city_staff_rate_the_school_unions_congress(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    page = _city_staff(new_page)
    page.get_by_role("button", name="学生会建设").click()  # the navigation's group
    page.get_by_role("link", name="代表大会评定").click()
    year = timezone.localdate().year
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{year}年度代表大会评定")
    row = page.get_by_test_id("rating-row").filter(has_text="甲大学学生会")
    expect(row.get_by_test_id("grade")).to_have_text("未评定")
    row.get_by_test_id("rate-link").click()

    page.get_by_label("优").check()
    page.get_by_label("评语").fill("按期召开，程序规范，报告齐全。")
    page.get_by_role("button", name="保存评定").click()

    row = page.get_by_test_id("rating-row").filter(has_text="甲大学学生会")
    expect(row.get_by_test_id("grade")).to_have_text("优")
    expect(row).to_contain_text("按期召开，程序规范，报告齐全。")
    rating = Rating.objects.get(union=province.union_a, year=year)
    assert (rating.grade, rating.rater_id) == (Grade.EXCELLENT, province.city_1.pk)


def test_attention_needs_notes_on_a_phone(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    page = _city_staff(new_page, **PHONE)
    page.goto("/congress/ratings/")
    cards = page.get_by_test_id("rating-cards")
    expect(cards).to_be_visible()
    expect(page.get_by_test_id("rating-table")).to_be_hidden()
    cards.locator("li").filter(has_text="甲大学研究生会").get_by_role("link", name="评定").click()
    page.get_by_label("重点关注").check()
    page.get_by_role("button", name="保存评定").click()
    expect(page.get_by_test_id("rating-form")).to_contain_text("评为重点关注时须填写评语")
    page.get_by_label("评语").fill("未按期召开。")
    page.get_by_role("button", name="保存评定").click()
    card = page.get_by_test_id("rating-cards").locator("li").filter(has_text="甲大学研究生会")
    expect(card.get_by_test_id("grade")).to_have_text("重点关注")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the table page scrolls sideways at 375 px ({width} px)"
