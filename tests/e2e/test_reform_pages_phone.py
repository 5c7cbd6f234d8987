"""Issue 17's pages at 375 px: school A's year confirmed, rated and rectifying, then each
page opened by someone who works on it — nothing wider than the phone's screen, the page's
heading and content there."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tongxin.reform.models import RectificationItem
from tongxin.reform.tests.rating_world import rated
from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .helpers import submit_login

pytestmark = pytest.mark.browser


def _phone(new_page: Callable[..., Page], school: str, login: str) -> Page:
    page = new_page(**PHONE)
    submit_login(page, school_code=school, login=login, password=PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")
    return page


def _fits(page: Page, url: str, text: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text(text)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{url} is {width} px wide"


def test_the_review_rating_and_rectification_pages_fit_a_phone(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    assessment = rated(province)
    item = RectificationItem.objects.get(assessment=assessment)
    school = province.school_a

    advisor = _phone(new_page, "TA01", "T3001")
    _fits(advisor, f"/reform/assessments/{assessment.pk}/", school.name)
    _fits(advisor, f"/reform/assessments/{assessment.pk}/rating/", "合格")
    _fits(advisor, "/reform/rectification/items/", school.name)
    _fits(advisor, f"/reform/rectification/items/{item.pk}/", "按期")
    _fits(advisor, "/reform/review/", school.name)
    _fits(advisor, f"/reform/call-ins/schools/{school.pk}/", school.name)

    city = _phone(new_page, "", "city1")
    _fits(city, "/reform/ratings/", school.name)
    _fits(city, "/reform/rectification/", school.name)
    _fits(city, "/reform/call-ins/", "约谈")
    _fits(city, "/reform/", school.name)
    _fits(city, f"/reform/schools/{school.pk}/", "实有")
