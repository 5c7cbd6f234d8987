"""The review chain's pages: the assessment page's buttons and timeline, the sheet panel
on the union page, refusals shown with nothing changed, the review list's waiting flag and
filters, the reporting rates on a hand-computed case, the calendar page."""

import datetime

import pytest

from tongxin.audit.models import AuditEvent
from tongxin.testing.clock import moment

from ..models import (
    AssessmentState,
    Result,
    ReviewCalendar,
    SchoolAssessment,
    SheetState,
    UnionSheet,
)
from ..review_selectors import rates_for
from .review_world import assessment_of, computed_year, move

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-10-15"))]
A, S = AssessmentState, SheetState


@pytest.fixture
def world(province):
    computed_year(province)
    return province


def sheet(p, union: str) -> UnionSheet:
    return UnionSheet.objects.get(union=p.nodes[union], catalogue__academic_year=2026)


def post_step(client, url: str, obj, **data):
    return client.post(url, {"version": obj.version, **data})


def sheet_url(s: UnionSheet, action: str) -> str:
    return f"/reform/sheets/{s.pk}/{action}/"


def test_the_advisor_walks_the_sheets_and_submits_from_the_pages(world, client_for):
    p = world
    secretary, advisor = client_for("secretary_a1"), client_for("advisor_a")
    union_page = secretary.get(f"/reform/unions/{p.college_union_a1.pk}/?year=2026")
    assert "院团委审核通过" in union_page.content.decode()
    response = post_step(secretary, sheet_url(sheet(p, "college_union_a1"), "college-check"),
                         sheet(p, "college_union_a1"), back="union")  # fmt: skip
    assert (
        response.status_code == 302 and f"/reform/unions/{p.college_union_a1.pk}/" in response.url
    )
    a = assessment_of(p)
    page = advisor.get(f"/reform/assessments/{a.pk}/").content.decode()
    assert "院团委已审核" in page and "下级未完成" in page  # college A2 still filling
    assert 'data-testid="step-submit"' in page  # the table offers it; the service decides
    refused = post_step(advisor, f"/reform/assessments/{a.pk}/submit/", a)
    assert refused.status_code == 200
    assert "尚未经校团委审核" in refused.content.decode()
    assert assessment_of(p).state == A.PREPARING
    for key in ("college_union_a2",):
        post_step(
            client_for("secretary_a2"), sheet_url(sheet(p, key), "college-check"), sheet(p, key)
        )
    for key in ("college_union_a1", "college_union_a2", "union_a", "grad_union_a"):
        assert (
            post_step(advisor, sheet_url(sheet(p, key), "school-check"), sheet(p, key)).status_code
            == 302
        )
    a = assessment_of(p)
    assert post_step(advisor, f"/reform/assessments/{a.pk}/submit/", a).status_code == 302
    page = advisor.get(f"/reform/assessments/{a.pk}/").content.decode()
    assert "学校已报送" in page and "撤回报送" in page
    assert page.count('data-testid="timeline-step"') == 7


def test_a_return_without_a_reason_shows_the_page_again_and_changes_nothing(world, client_for):
    p = world
    a = move(assessment_of(p), A.SUBMITTED)
    city = client_for("city_staff_1")
    page = city.get(f"/reform/assessments/{a.pk}/").content.decode()
    assert "市学联退回" in page and "退回理由" in page
    response = post_step(city, f"/reform/assessments/{a.pk}/city-return/", a, reason=" ")
    assert response.status_code == 200 and "请填写退回理由" in response.content.decode()
    assert assessment_of(p).state == A.SUBMITTED
    response = post_step(city, f"/reform/assessments/{a.pk}/city-return/", a, reason="人数有误")
    assert response.status_code == 302 and assessment_of(p).state == A.PREPARING
    assert "人数有误" in client_for("advisor_a").get(response.url).content.decode()


def test_a_locked_assessment_answers_403_to_every_edit_and_changes_nothing(world, client_for):
    p = world
    a = move(assessment_of(p), A.CONFIRMED)
    s = sheet(p, "union_a")
    before = AuditEvent.objects.count()
    assert (
        post_step(client_for("advisor_a"), sheet_url(s, "return"), s, reason="再改").status_code
        == 403
    )
    item = Result.objects.get(union=p.union_a, catalogue__academic_year=2026, indicator__number=1)
    officer = client_for("officer_a")
    response = officer.post(
        f"/reform/results/{item.pk}/explain/", {"version": item.version, "text": "x"}
    )
    assert response.status_code == 403
    assert AuditEvent.objects.count() == before
    assert (
        sheet(p, "union_a").state == S.SCHOOL_CHECKED
        and Result.objects.get(pk=item.pk).explanation == ""
    )
    page = client_for("advisor_a").get(f"/reform/assessments/{a.pk}/").content.decode()
    assert "已锁定" in page and 'data-testid="steps"' not in page


def test_the_city_list_flags_schools_still_preparing_and_filters_by_state(world, client_for):
    p = world
    move(assessment_of(p, "c"), A.SUBMITTED)
    city = client_for("city_staff_1")
    page = city.get("/reform/review/?year=2026").content.decode()
    assert p.school_a.name in page and p.school_c.name in page and p.school_b.name not in page
    assert page.count('data-testid="waiting"') == 1  # school A preparing; C submitted
    only = city.get("/reform/review/?year=2026&state=submitted").content.decode()
    assert p.school_c.name in only and p.school_a.name not in only
    province = client_for("province_staff").get("/reform/review/?year=2026").content.decode()
    assert province.count('data-testid="waiting"') == 3  # preparing, preparing, submitted


def test_the_advisor_list_shows_the_schools_sheets(world, client_for):
    page = client_for("advisor_a").get("/reform/review/?year=2026").content.decode()
    assert page.count('data-testid="sheet"') == 4
    assert page.count('data-testid="waiting"') == 2  # both college unions wait for secretaries


def test_reporting_rates_on_a_hand_computed_case(world, time_machine, client_for):
    p = world
    ReviewCalendar.objects.create(
        academic_year=2026,
        fill_due=datetime.date(2026, 11, 1),
        school_due=datetime.date(2026, 11, 10),
        city_due=datetime.date(2026, 11, 20),
        province_due=datetime.date(2026, 11, 30),
    )
    advisor = client_for("advisor_a")
    for key in ("college_union_a1", "college_union_a2"):
        secretary = client_for(f"secretary_a{key[-1]}")
        post_step(secretary, sheet_url(sheet(p, key), "college-check"), sheet(p, key))
    for key in ("college_union_a1", "college_union_a2", "union_a", "grad_union_a"):
        post_step(advisor, sheet_url(sheet(p, key), "school-check"), sheet(p, key))
    time_machine.move_to(moment("2026-11-05"))  # union A's sheet returned, checked again late
    advisor = client_for("advisor_a")  # a fresh login: sessions last two weeks
    post_step(advisor, sheet_url(sheet(p, "union_a"), "return"), sheet(p, "union_a"), reason="补充")
    post_step(advisor, sheet_url(sheet(p, "union_a"), "school-check"), sheet(p, "union_a"))
    a = assessment_of(p)
    post_step(advisor, f"/reform/assessments/{a.pk}/submit/", a)  # on time (≤ 11-10)
    SchoolAssessment.objects.filter(pk=assessment_of(p, "b").pk).update(
        state=A.SUBMITTED,
        submitted_at=moment("2026-11-12"),  # late
    )
    time_machine.move_to(moment("2026-11-25"))
    a = assessment_of(p)
    post_step(client_for("city_staff_1"), f"/reform/assessments/{a.pk}/city-approve/", a)  # late
    sheets = UnionSheet.objects.filter(catalogue__academic_year=2026).count()
    rates = {
        r.level: (r.expected, r.submitted, r.on_time)
        for r in rates_for(actor=p.province_admin, year=2026)
    }
    assert rates == {
        "union": (sheets, 4, 3),
        "school": (3, 2, 1),
        "city": (3, 1, 0),
        "province": (3, 0, 0),
    }
    city = {
        r.level: (r.expected, r.submitted, r.on_time)
        for r in rates_for(actor=p.city_staff_1, year=2026)
    }
    assert city["school"] == (2, 1, 1) and city["city"] == (2, 1, 0)
    page = client_for("province_admin").get("/reform/review/?year=2026").content.decode()
    assert 'data-testid="rate-school"' in page and "67%" in page  # 2 of 3 schools


def test_the_calendar_page_checks_the_order_of_dates(world, client_for):
    admin = client_for("province_admin")
    dates = {"fill_due": "2026-11-01", "school_due": "2026-11-20", "city_due": "2026-11-10",
             "province_due": "2026-11-30", "remind_days": 3, "disclosure_workdays": 5}  # fmt: skip
    response = admin.post("/reform/review/calendar/?year=2026", dates)
    assert response.status_code == 200
    assert "市学联审核截止：不能早于学校报送截止。" in response.content.decode()
    assert not ReviewCalendar.objects.exists()
    dates["city_due"] = "2026-11-25"
    response = admin.post("/reform/review/calendar/?year=2026", dates)
    assert response.status_code == 302
    saved = ReviewCalendar.objects.get(academic_year=2026)
    assert saved.city_due == datetime.date(2026, 11, 25)
    assert AuditEvent.objects.filter(action="reform.calendar.saved").count() == 1
    shown = admin.get("/reform/review/calendar/?year=2026").content.decode()
    assert 'value="2026-11-25"' in shown


def test_the_union_page_offers_no_forms_while_its_sheet_is_checked(world, client_for):
    p = world
    officer = client_for("officer_a")
    url = f"/reform/unions/{p.union_a.pk}/?year=2026"
    assert 'data-testid="evidence-form"' in officer.get(url).content.decode()
    s = sheet(p, "union_a")
    post_step(client_for("advisor_a"), sheet_url(s, "school-check"), s)
    page = officer.get(url).content.decode()
    assert 'data-testid="evidence-form"' not in page and 'data-testid="explain-form"' not in page
    assert "自评表已提交审核，退回后才能修改。" in page
