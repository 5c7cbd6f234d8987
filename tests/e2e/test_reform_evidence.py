"""A union's self-assessment in Chromium: the union's officer, on a 375 px phone, files
evidence for item 1 (a yes/no item) with a document; the school's advisor finds it in the
to-do list and confirms it; the item's verdict then shows 是 with the source 依据材料."""

from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tongxin.reform.models import Evidence, EvidenceState, Level, Result, Source
from tongxin.reform.seed import seed_catalogue
from tongxin.reform.services.results import results_compute
from tongxin.staff.calendar import academic_year_of
from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .helpers import submit_login
from .test_axe_crawl import check, load_axe

pytestmark = pytest.mark.browser
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _login(new_page: Callable[..., Page], number: str, **options: object) -> Page:
    page = new_page(**options)
    submit_login(page, school_code="TA01", login=number, password=PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")
    return page


def _axe(page: Page, source: str) -> None:
    """No serious or critical accessibility violation on the union's page as it is now."""
    page.context.add_init_script(script=source)
    page.reload()
    assert check(page) == []


def test_an_officer_files_evidence_for_item_1_and_the_advisor_confirms_it(
    new_page: Callable[..., Page], province: TinyProvince, request: pytest.FixtureRequest
) -> None:
    axe = load_axe(request.config)
    catalogue = seed_catalogue(academic_year_of(timezone.localdate()), Level.SCHOOL)
    results_compute(actor=province.province_admin, catalogue=catalogue, scope=province.province)

    officer = _login(new_page, "2022001", **PHONE)  # 赵主席, union A
    officer.goto("/reform/mine/")
    officer.get_by_role("link", name=province.union_a.name).click()
    item = officer.get_by_test_id("item-1")
    expect(item.get_by_test_id("verdict")).to_have_text("待填报")
    item.get_by_text("提交依据材料", exact=True).first.click()
    form = item.get_by_test_id("evidence-form")
    form.get_by_label("是否达标").select_option(label="是（已达标）")
    form.get_by_label("材料说明").fill("学生会未承担宿舍管理、文明督查等行政职能，附校团委说明。")
    form.get_by_label("依据材料文件（可选）").set_input_files(
        files=[{"name": "服务定位说明.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    form.get_by_role("button", name="提交依据材料").click()
    item = officer.get_by_test_id("item-1")
    expect(item.get_by_test_id("evidence-state")).to_have_text("待确认")
    expect(item.get_by_text("服务定位说明.pdf")).to_be_visible()
    assert officer.evaluate("document.documentElement.scrollWidth") <= 375
    _axe(officer, axe)

    advisor = _login(new_page, "T3001")  # 褚老师, school A's advisor
    advisor.goto("/todo/")
    advisor.get_by_role("link", name=f"{province.union_a.name} · 第 1 项 服务定位").click()
    item = advisor.get_by_test_id("item-1")
    _axe(advisor, axe)
    item.get_by_role("button", name="确认依据材料").click()
    item = advisor.get_by_test_id("item-1")
    expect(item.get_by_test_id("verdict")).to_have_text("是")
    expect(item.get_by_test_id("source")).to_have_text("依据材料")

    officer.reload()
    item = officer.get_by_test_id("item-1")
    expect(item.get_by_test_id("source")).to_have_text("依据材料")
    expect(item.get_by_test_id("evidence-state")).to_have_text("已确认")
    result = Result.objects.get(catalogue=catalogue, union=province.union_a, indicator__number=1)
    assert (result.passed, result.source) == (True, Source.EVIDENCE)
    assert Evidence.objects.get(result=result).state == EvidenceState.CONFIRMED
