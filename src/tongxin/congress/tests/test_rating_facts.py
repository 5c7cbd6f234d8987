"""The table's facts: which sessions count for a year, how far they got, on schedule on the
year's last day; the table's scope; query counts that do not grow with the unions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tongxin.accounts.models import User
from tongxin.orgs.models import Node, NodeKind
from tongxin.testing.clock import moment
from tongxin.testing.province import TinyProvince, make_node

from ..models import Grade, Rating, SessionState
from ..rating_facts import (
    congress_facts,
    rating_table_for,
    rating_table_page,
    schedule_day,
    table_rows,
)
from .rating_factories import line_for, session_for

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-06-15"))]
D = datetime.date


def facts_of(p: TinyProvince, state: str, year: int = 2025, **dates):
    line = line_for(p.union_a, due_on=D(2026, 9, 1))
    session_for(line, state, by=p.officer_a, **dates)
    return congress_facts([p.union_a.pk], year)[p.union_a.pk]


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (SessionState.PLANNED, (False, False, False, False)),
        (SessionState.APPLIED, (True, False, False, False)),
        (SessionState.RETURNED, (True, False, False, False)),
        (SessionState.APPROVED, (True, True, False, False)),
        (SessionState.CONFIRMED, (True, True, False, False)),
        (SessionState.HELD, (True, True, True, False)),
        (SessionState.REPORTED, (True, True, True, True)),
        (SessionState.CLOSED, (True, True, True, True)),
        (SessionState.CANCELLED, (False, False, False, False)),
    ],
)
def test_how_far_the_years_session_got(province: TinyProvince, state: str, expected) -> None:
    fact = facts_of(province, state, planned_start=D(2025, 11, 20))
    assert (fact.applied, fact.approved, fact.held, fact.reported) == expected


def test_a_session_held_in_the_year_counts_whatever_its_plan(province: TinyProvince) -> None:
    fact = facts_of(
        province, SessionState.CLOSED, planned_start=D(2024, 12, 20), held_start=D(2025, 1, 8)
    )
    assert fact.held and fact.reported


def test_a_session_held_in_another_year_does_not_count(province: TinyProvince) -> None:
    fact = facts_of(
        province, SessionState.CLOSED, planned_start=D(2025, 12, 20), held_start=D(2026, 1, 8)
    )
    assert not fact.applied


def test_a_union_without_sessions_or_line_has_no_facts(province: TinyProvince) -> None:
    fact = congress_facts([province.union_b.pk], 2025)[province.union_b.pk]
    assert not (fact.applied or fact.held or fact.on_schedule) and fact.due_on is None


def test_on_schedule_is_judged_on_the_years_last_day(province: TinyProvince) -> None:
    line_for(province.union_a, due_on=D(2025, 10, 9), last_held_on=D(2024, 10, 8))
    assert schedule_day(2025) == D(2025, 12, 31) and schedule_day(2026) == D(2026, 6, 15)
    assert not congress_facts([province.union_a.pk], 2025)[province.union_a.pk].on_schedule
    assert congress_facts([province.union_a.pk], 2024)[province.union_a.pk].on_schedule


def test_city_staff_table_holds_the_school_level_unions_of_their_city(province) -> None:
    names = set(rating_table_for(actor=province.city_staff_1, year=2025))
    assert names == {province.union_a, province.grad_union_a, province.union_c}


def test_province_staff_table_holds_every_citys_school_level_unions(province) -> None:
    unions = set(rating_table_for(actor=province.province_staff, year=2025))
    assert unions == set(
        Node.objects.filter(kind__in=[NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION])
    )


def test_advisor_table_holds_the_college_unions_of_their_school(province) -> None:
    unions = set(rating_table_for(actor=province.advisor_a, year=2025))
    assert unions == {province.college_union_a1, province.college_union_a2}


@pytest.mark.parametrize("persona", ["county_specialist", "officer_a", "secretary_a1"])
def test_others_have_an_empty_table(province: TinyProvince, persona: str) -> None:
    assert not rating_table_for(actor=province.people[persona], year=2025).exists()


def test_grade_filter(province: TinyProvince) -> None:
    Rating.objects.create(
        union=province.union_a,
        school=province.school_a,
        year=2025,
        grade=Grade.ATTENTION,
        notes="需关注",
        rated_by=province.city_staff_1,
        rater=province.city_1,
    )
    table = lambda grade: set(rating_table_for(actor=province.city_staff_1, year=2025, grade=grade))  # noqa: E731
    assert table(Grade.ATTENTION) == {province.union_a}
    assert table(Grade.EXCELLENT) == set()
    assert table("none") == {province.grad_union_a, province.union_c}
    assert set(rating_table_for(actor=province.city_staff_1, year=2024, grade="none")) == {
        province.union_a,
        province.grad_union_a,
        province.union_c,
    }


def _more_schools(p: TinyProvince, n: int) -> None:
    for i in range(n):
        school = make_node(NodeKind.SCHOOL, f"加测学校{i}", p.city_1, code=f"TX{i:02d}")
        union = make_node(NodeKind.SCHOOL_UNION, f"加测学校{i}学生会", school)
        line = line_for(union, due_on=D(2026, 9, 1))
        session_for(line, SessionState.HELD, by=p.officer_a, held_start=D(2025, 5, 1))
        Rating.objects.create(
            union=union,
            school=school,
            year=2025,
            grade=Grade.QUALIFIED,
            rated_by=p.city_staff_1,
            rater=p.city_1,
        )


def _queries(p: TinyProvince) -> int:
    user = User.objects.get(pk=p.city_staff_1.pk)
    user.has_perm("congress.view_rating_table")  # load the grants once, as a request does
    with CaptureQueriesContext(connection) as queries:
        page = rating_table_page(actor=user, year=2025, grade="", number=1)
        for row in page.items:
            str(row.union.school.name), row.rating and row.rating.rated_by.real_name
    return len(queries)


def test_a_tables_page_costs_the_same_for_two_unions_or_twenty(province) -> None:
    few = _queries(province)
    _more_schools(province, 17)
    assert _queries(province) == few == 4  # the page, sessions, lines, ratings


def test_table_rows_facts_in_three_queries(province: TinyProvince) -> None:
    _more_schools(province, 5)
    unions = list(rating_table_for(actor=province.city_staff_1, year=2025))
    with CaptureQueriesContext(connection) as queries:
        rows = table_rows(unions, 2025, actor=province.city_staff_1)
    assert len(rows) == 8 and len(queries) == 3
    assert sum(r.facts.held for r in rows) == 5 and sum(bool(r.rating) for r in rows) == 5
