"""The province's heat map (issue 16): the province admin opens 改革自评 from the menu, sees
the ECharts heat map drawn beside its table, filters city 1, and opens 甲大学's facts; on a
375 px phone the same page works without scrolling sideways."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tongxin.reform.models import Level, Result
from tongxin.reform.seed import seed_catalogue
from tongxin.reform.services.results import results_compute
from tongxin.staff.calendar import academic_year_of
from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .helpers import submit_login

pytestmark = pytest.mark.browser


def _computed(province: TinyProvince) -> None:
    from django.utils import timezone

    year = academic_year_of(timezone.localdate())
    for level in (Level.SCHOOL, Level.COLLEGE):
        results_compute(
            actor=province.province_admin,
            catalogue=seed_catalogue(year, level),
            scope=province.province,
        )
    # 乙学院's graduate union fails item 3: half its unions pass it.
    Result.objects.filter(union=province.grad_union_b, indicator__number=3).update(passed=False)


def _admin(new_page: Callable[..., Page], **options: object) -> Page:
    page = new_page(**options)
    submit_login(page, school_code="", login="admin", password=PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")
    return page


def test_province_admin_filters_a_city_and_opens_a_school(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    _computed(province)
    page = _admin(new_page)
    page.get_by_role("button", name="学生会建设").click()
    page.get_by_role("link", name="改革自评", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("改革自评热力图")
    chart = page.get_by_test_id("heatmap-chart")
    expect(chart.locator("canvas").first).to_be_visible()  # ECharts drew it
    table = page.get_by_test_id("heatmap-table")
    expect(table.get_by_test_id("heatmap-row")).to_have_count(3)
    b_row = table.get_by_test_id("heatmap-row").filter(has_text="乙学院")
    expect(b_row.get_by_test_id("cell").nth(2)).to_have_text("50%")

    page.get_by_label("城市").select_option(label="一市学联")
    page.get_by_role("button", name="筛选").click()
    expect(table.get_by_test_id("heatmap-row")).to_have_count(2)
    expect(table).not_to_contain_text("乙学院")
    expect(table).to_contain_text("城关高级中学")

    table.get_by_role("link", name="甲大学").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("甲大学 · 改革自评")
    card = page.get_by_test_id("union-card").filter(has_text="甲大学学生会")
    staff = card.get_by_test_id("result-row").filter(has_text="工作人员").first
    expect(staff.get_by_test_id("source")).to_have_text("系统计算")
    expect(staff.get_by_test_id("facts")).to_contain_text("上限 40 人")
    expect(page.get_by_test_id("level-college")).to_contain_text("计算机学院学生会")


def test_the_heat_map_and_a_school_on_a_phone(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    _computed(province)
    page = _admin(new_page, **PHONE)
    page.goto("/reform/")
    expect(page.get_by_test_id("heatmap-chart").locator("canvas").first).to_be_visible()
    expect(page.get_by_test_id("heatmap-table")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the heat map scrolls sideways at 375 px ({width} px)"
    page.get_by_test_id("school-link").filter(has_text="甲大学").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("甲大学 · 改革自评")
    page.get_by_role("button", name="重新计算").click()
    expect(page.get_by_text("已重新计算甲大学的 4 个学生会。")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the school page scrolls sideways at 375 px ({width} px)"
