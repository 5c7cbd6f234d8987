"""The computing pass against the figures schools publish (DOMAIN.md §6)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tongxin.audit.models import AuditEvent
from tongxin.core.errors import NotAllowed
from tongxin.reform.facts import gather, judgement_day, unions_of
from tongxin.reform.models import Check, Level, Result, Source
from tongxin.reform.services.results import results_compute

from .world import catalogue, congress_held, staff_union, this_year

pytestmark = pytest.mark.django_db


def results_of(union, cat) -> dict[str, Result]:
    rows = Result.objects.filter(union=union, catalogue=cat).select_related("indicator")
    return {r.indicator.computes or r.indicator.short: r for r in rows}


def compute(p, cat=None, scope=None, actor=None):
    cat = cat or catalogue()
    results_compute(actor=actor or p.province_admin, catalogue=cat, scope=scope or p.province)
    return cat


def test_a_union_of_31_staff_5_presidium_4_departments_passes_items_3_to_5(province):
    staffed = staff_union(province, staff=31, presidium=5, departments=4)
    got = results_of(staffed.union, compute(province))
    assert (got[Check.STAFF_LIMIT].passed, got[Check.STAFF_LIMIT].remark) == (True, "实有 31 人")
    assert got[Check.STAFF_LIMIT].facts == {"count": 31, "limit": 40, "large": False}
    assert (got[Check.PRESIDIUM_LIMIT].passed, got[Check.PRESIDIUM_LIMIT].remark) == (
        True,
        "实有 5 人",
    )
    assert (got[Check.DEPARTMENT_LIMIT].passed, got[Check.DEPARTMENT_LIMIT].remark) == (
        True,
        "实有 4 个",
    )
    assert got[Check.DEPARTMENT_LIMIT].facts["names"] == [
        "学习部",
        "实践部",
        "权益服务部",
        "文体部",
    ]
    for check in (Check.STRUCTURE, Check.POSITIONS, Check.POLITICAL, Check.ACADEMIC):
        assert got[check].passed is True, check
    assert got[Check.SELECTION_PATH].passed is True
    assert {r.source for r in got.values() if r.indicator.computes} == {Source.COMPUTED}


def test_51_staff_fails_against_40_and_passes_against_60_for_a_large_school(province):
    staffed = staff_union(province, staff=51, presidium=5, departments=6)
    cat = compute(province)
    staff = results_of(staffed.union, cat)[Check.STAFF_LIMIT]
    assert (staff.passed, staff.remark, staff.facts["limit"]) == (False, "实有 51 人", 40)

    province.school_a.allows_large_staff = True
    province.school_a.save(update_fields=["allows_large_staff"])
    compute(province, cat)
    staff = results_of(staffed.union, cat)[Check.STAFF_LIMIT]
    assert (staff.passed, staff.remark, staff.facts["limit"], staff.facts["large"]) == (
        True,
        "实有 51 人",
        60,
        True,
    )
    assert staff.version == 2


def test_a_standing_centre_fails_the_structure_item_and_names_it(province):
    names = ["学习部", "实践部", "志愿服务中心", "综合办公室"]
    staffed = staff_union(province, staff=20, presidium=3, departments=names)
    structure = results_of(staffed.union, compute(province))[Check.STRUCTURE]
    assert structure.passed is False
    assert structure.facts["not_departments"] == ["志愿服务中心", "综合办公室"]
    assert structure.remark == "实有 4 个部门，设有志愿服务中心、综合办公室"


def test_six_presidium_members_and_seven_departments_fail_their_limits(province):
    staffed = staff_union(province, staff=30, presidium=6, departments=7)
    got = results_of(staffed.union, compute(province))
    assert (got[Check.PRESIDIUM_LIMIT].passed, got[Check.PRESIDIUM_LIMIT].remark) == (
        False,
        "实有 6 人",
    )
    assert (got[Check.DEPARTMENT_LIMIT].passed, got[Check.DEPARTMENT_LIMIT].facts["limit"]) == (
        False,
        6,
    )


def test_officers_failing_politics_grades_selection_or_titles_fail_those_items(province):
    staffed = staff_union(
        province,
        staff=12,
        presidium=3,
        not_members=2,
        failing_grades=1,
        without_selection=3,
        other_positions=1,
    )
    got = results_of(staffed.union, compute(province))
    assert (got[Check.POLITICAL].passed, got[Check.POLITICAL].facts["failed"]) == (False, 2)
    assert got[Check.POLITICAL].remark == "2 人不符合"
    assert (got[Check.ACADEMIC].passed, got[Check.ACADEMIC].facts["failed"]) == (False, 1)
    assert got[Check.SELECTION_PATH].facts["without_record"] == 3
    assert got[Check.SELECTION_PATH].remark == "3 人无选拔记录"
    # A title outside the choices shows as stored (imported data may carry anything).
    assert got[Check.POSITIONS].facts["other_positions"] == [
        {"name": "干部12", "position": "secretary_general"}
    ]
    assert got[Check.POSITIONS].passed is False


def test_the_congress_items_read_the_congress_line_and_elections(province):
    staffed = staff_union(province, staff=10, presidium=3)
    held = timezone.localdate() - datetime.timedelta(days=90)
    congress_held(staffed.union, held)
    got = results_of(staffed.union, compute(province))
    assert got[Check.CONGRESS_ON_SCHEDULE].passed is True
    assert got[Check.CONGRESS_ON_SCHEDULE].remark == f"召开时间：{held.isoformat()}"
    # No session in Tongxin: whether the congress elected the presidium is not known.
    assert got[Check.PRESIDIUM_ELECTED].passed is None
    assert got[Check.PRESIDIUM_ELECTED].remark == "平台内无代表大会记录"
    # The graduate union has no congress line at all.
    grad = results_of(province.grad_union_a, Result.objects.first().catalogue)
    assert grad[Check.CONGRESS_ON_SCHEDULE].passed is None


def test_a_congress_overdue_fails_item_11(province):
    staffed = staff_union(province, staff=10, presidium=3)
    congress_held(staffed.union, timezone.localdate() - datetime.timedelta(days=800))
    got = results_of(staffed.union, compute(province))
    assert got[Check.CONGRESS_ON_SCHEDULE].passed is False
    assert got[Check.CONGRESS_ON_SCHEDULE].facts["on_schedule"] is False


def test_a_presidium_elected_by_a_published_election_passes_item_10(province):
    from tongxin.congress.election_models import ElectionState, Outcome
    from tongxin.congress.tests.election_world import ElectionWorld

    world = ElectionWorld(province)
    world.election.state = ElectionState.PUBLISHED
    world.election.published_at = timezone.now() - datetime.timedelta(days=1)
    world.election.save(update_fields=["state", "published_at"])
    world.candidates[0].outcome = Outcome.ELECTED
    world.candidates[0].save(update_fields=["outcome"])
    got = results_of(province.union_a, compute(province))
    assert got[Check.PRESIDIUM_ELECTED].passed is True
    assert got[Check.PRESIDIUM_ELECTED].remark == "由代表大会选举产生"


def test_manual_items_wait_to_be_filled(province):
    staffed = staff_union(province, staff=8, presidium=2)
    first = results_of(staffed.union, compute(province))["服务定位"]
    assert (first.passed, first.source, first.computed_passed) == (None, Source.PENDING, None)


def test_college_unions_are_judged_on_table_two_with_the_college_limits(province):
    staffed = staff_union(province, "college_union_a1", staff=45, presidium=4, departments=3)
    cat = compute(province, catalogue(Level.COLLEGE))
    staff = results_of(staffed.union, cat)[Check.STAFF_LIMIT]
    # College-level limits are empty by default (DOMAIN.md §2): nothing to exceed.
    assert (staff.passed, staff.remark) == (True, "实有 45 人（未设上限）")
    assert not Result.objects.filter(catalogue=cat, union=province.union_a).exists()


def test_last_years_facts_are_taken_on_that_years_last_day(province):
    year = this_year()
    last_years = staff_union(
        province, staff=3, presidium=1, departments=[], start=datetime.date(year - 1, 10, 1)
    )
    for m in last_years.memberships:  # served until after the academic year ended
        m.end = datetime.date(year, 9, 15)
        m.save(update_fields=["end"])
    staff_union(province, staff=10, presidium=3, first_number=710000)  # appointed 30 days ago
    last = catalogue(year=year - 1)
    results_compute(actor=province.province_admin, catalogue=last, scope=province.province)
    staff = results_of(province.union_a, last)[Check.STAFF_LIMIT]
    assert staff.facts["count"] == 3
    assert staff.computed_on == judgement_day(year - 1, timezone.localdate())
    assert staff.computed_on == datetime.date(year, 8, 31)
    current = results_of(province.union_a, compute(province))[Check.STAFF_LIMIT]
    assert current.facts["count"] == 10


def test_a_recomputation_rewrites_the_same_rows(province):
    staff_union(province, staff=10, presidium=3)
    cat = compute(province)
    count = Result.objects.filter(catalogue=cat).count()
    compute(province, cat)
    assert Result.objects.filter(catalogue=cat).count() == count
    assert count == cat.indicators.count() * unions_of(Level.SCHOOL).count()


def test_the_pass_is_audited_with_aggregates_only(province):
    staff_union(province, staff=10, presidium=3, not_members=1)
    cat = compute(province)
    event = AuditEvent.objects.filter(action="reform.results.computed").get()
    assert event.data["catalogue"] == cat.pk
    assert event.data["unions"] == unions_of(Level.SCHOOL).count()
    assert event.data["failed"] >= 1
    assert set(event.data) == {"catalogue", "on", "unions", "passed", "failed", "unknown"}


def test_an_advisor_computes_their_school_only(province):
    staff_union(province, staff=10, presidium=3)
    cat = catalogue()
    summary = results_compute(actor=province.advisor_a, catalogue=cat, scope=province.school_a)
    assert summary.unions == unions_of(Level.SCHOOL, province.school_a).count()
    assert not Result.objects.filter(catalogue=cat, school=province.school_b).exists()
    with pytest.raises(NotAllowed):
        results_compute(actor=province.advisor_a, catalogue=cat, scope=province.school_b)
    with pytest.raises(NotAllowed):
        results_compute(actor=province.officer_a, catalogue=cat, scope=province.school_a)


def _reads(unions, year) -> int:
    with CaptureQueriesContext(connection) as queries:
        gather(unions, on=timezone.localdate(), year=year)
    return len(queries)


def test_the_pass_reads_a_bounded_number_of_queries_whatever_the_size(province):
    year = this_year()
    staff_union(province, staff=5, presidium=2)
    small = _reads(list(unions_of(Level.SCHOOL)), year)
    staff_union(province, "union_b", staff=25, presidium=5, first_number=720000)
    staff_union(province, "grad_union_a", staff=15, presidium=3, first_number=730000)
    big = _reads(list(unions_of(Level.SCHOOL)), year)
    assert small == big <= 9

    cat = catalogue()
    with CaptureQueriesContext(connection) as one:
        results_compute(actor=province.province_admin, catalogue=cat, scope=province.school_a)
    with CaptureQueriesContext(connection) as all_:
        results_compute(actor=province.province_admin, catalogue=cat, scope=province.province)
    assert len(all_) == len(one)


PUBLISHED = [  # DOMAIN.md §6: (union, staff, presidium, departments, the 60 limit)
    ("union_a", 31, 5, 4, False),  # 2022–23
    ("union_a", 38, 3, 6, False),  # 2021–22
    ("union_a", 29, 5, 6, False),  # 2022–23
    ("union_a", 51, 5, 6, True),  # 2023–24: passes item 3, so the school has the 60 limit
    ("grad_union_a", 28, 5, 6, False),  # 2021, graduate union
]


@pytest.mark.parametrize(("union", "staff", "presidium", "departments", "large"), PUBLISHED)
def test_the_published_disclosures_pass_items_3_to_5_with_their_figures(
    province, union, staff, presidium, departments, large
):
    province.school_a.allows_large_staff = large
    province.school_a.save(update_fields=["allows_large_staff"])
    staffed = staff_union(
        province, union, staff=staff, presidium=presidium, departments=departments
    )
    got = results_of(staffed.union, compute(province))
    assert [
        got[c].passed for c in (Check.STAFF_LIMIT, Check.PRESIDIUM_LIMIT, Check.DEPARTMENT_LIMIT)
    ] == [True] * 3
    assert [
        got[c].remark for c in (Check.STAFF_LIMIT, Check.PRESIDIUM_LIMIT, Check.DEPARTMENT_LIMIT)
    ] == [
        f"实有 {staff} 人",
        f"实有 {presidium} 人",
        f"实有 {departments} 个",
    ]
