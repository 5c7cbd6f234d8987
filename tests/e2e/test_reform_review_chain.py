"""The review chain in Chromium: school A's self-assessment from filling to the province's
confirmation. The union's officer (on a phone) sees its sheet being filled; the two college
league secretaries check their college unions' sheets on the union page; the advisor
checks every sheet and submits on the assessment page; the city federation approves from
its review list; the province confirms; the assessment is locked and the union's page says
so. Then the confirmed tables are disclosed: read without login, commented by a student,
moderated by the advisor (test_reform_disclosure's walk)."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tongxin.reform.models import AssessmentState, SchoolAssessment, SheetState, UnionSheet
from tongxin.reform.tests.review_world import assessment_of, computed_year
from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .helpers import submit_login
from .test_reform_disclosure import disclose_comment_and_moderate

pytestmark = pytest.mark.browser


def _login(new_page: Callable[..., Page], school: str, number: str, **options: object) -> Page:
    page = new_page(**options)
    submit_login(page, school_code=school, login=number, password=PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")
    return page


def _college_check(new_page: Callable[..., Page], number: str, union_pk: int) -> None:
    secretary = _login(new_page, "TA01", number)
    secretary.goto(f"/reform/unions/{union_pk}/")
    panel = secretary.get_by_test_id("sheet-panel")
    expect(panel.get_by_test_id("state")).to_have_text("填报中")
    panel.get_by_role("button", name="院团委审核通过").click()
    expect(secretary.get_by_test_id("sheet-panel").get_by_test_id("state")).to_have_text(
        "院团委已审核"
    )
    secretary.close()


def test_school_a_goes_from_filling_to_the_provinces_confirmation(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    computed_year(province)
    assessment = assessment_of(province)

    officer = _login(new_page, "TA01", "2022001", **PHONE)  # 赵主席, union A
    officer.goto(f"/reform/unions/{province.union_a.pk}/")
    panel = officer.get_by_test_id("sheet-panel")
    expect(panel.get_by_test_id("state")).to_have_text("填报中")
    expect(panel.get_by_role("button")).to_have_count(0)
    assert officer.evaluate("document.documentElement.scrollWidth") <= 375

    _college_check(new_page, "T1001", province.college_union_a1.pk)
    _college_check(new_page, "T1002", province.college_union_a2.pk)

    advisor = _login(new_page, "TA01", "T3001", **PHONE)  # 褚老师
    advisor.goto("/reform/review/")
    advisor.get_by_role("link", name=province.school_a.name, exact=True).click()
    expect(advisor.get_by_role("heading", level=1)).to_contain_text(province.school_a.name)
    for union in ("union_a", "grad_union_a", "college_union_a1", "college_union_a2"):
        sheet = advisor.locator(f'[data-union="{province.nodes[union].name}"]')
        sheet.get_by_role("button", name="校团委审核通过").click()
        sheet = advisor.locator(f'[data-union="{province.nodes[union].name}"]')
        expect(sheet.get_by_test_id("state")).to_have_text("校团委已审核")
    assert advisor.evaluate("document.documentElement.scrollWidth") <= 375
    advisor.get_by_test_id("assessment-steps").get_by_role("button", name="报送").click()
    expect(advisor.get_by_test_id("state").first).to_have_text("学校已报送")

    city = _login(new_page, "", "city1")
    city.goto("/reform/review/")
    row = city.get_by_test_id("assessment").filter(has_text=province.school_a.name)
    expect(row.get_by_test_id("state")).to_have_text("学校已报送")
    row.get_by_role("link", name=province.school_a.name, exact=True).click()
    city.get_by_role("button", name="市学联审核通过").click()
    expect(city.get_by_test_id("state").first).to_have_text("市学联已审核")

    prov = _login(new_page, "", "prov")
    prov.goto(f"/reform/assessments/{assessment.pk}/")
    prov.get_by_role("button", name="省学联确认").click()
    expect(prov.get_by_test_id("state").first).to_have_text("省学联已确认")
    expect(prov.get_by_test_id("locked")).to_be_visible()
    timeline = prov.get_by_test_id("timeline-step")
    expect(timeline).to_have_count(9)  # 2 college checks, 4 school checks, 3 assessment steps

    officer.reload()
    expect(officer.get_by_test_id("sheet-panel").get_by_test_id("state")).to_have_text(
        "校团委已审核"
    )
    assert SchoolAssessment.objects.get(pk=assessment.pk).state == AssessmentState.CONFIRMED
    assert set(
        UnionSheet.objects.filter(school=province.school_a).values_list("state", flat=True)
    ) == {SheetState.SCHOOL_CHECKED}

    disclose_comment_and_moderate(new_page)
