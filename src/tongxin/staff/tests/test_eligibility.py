import datetime

import pytest

from tongxin.accounts.models import PoliticalStatus, StudentLevel
from tongxin.orgs.models import SchoolType
from tongxin.staff.eligibility import eligibility_of, meets_top_share

from .factories import give_record, student

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("rank", "cohort", "meets"),
    [
        (30, 100, True),
        (31, 100, False),
        (9, 30, True),
        (10, 30, False),
        (1, 3, False),
        (1, 4, True),
    ],
)
def test_top_30_percent_is_rank_at_most_floor_of_30_percent(rank, cohort, meets):
    assert meets_top_share(rank, cohort, 30) is meets


def test_the_explanation_names_the_figures(province):
    user = student(province, "2023100")
    give_record(province, user, rank=31, cohort=100)
    result = eligibility_of(user, on=TODAY)
    assert not result.meets
    assert "第 31/100 名，未进入前 30%" in result.failed[0].text
    assert "31" not in result.failed[0].public_text


def test_one_window_is_enough(province):
    user = student(province, "2023101")
    give_record(province, user, rank=40, cohort=100, window="term")
    give_record(province, user, rank=25, cohort=100, window="since_enrolment")
    assert eligibility_of(user, on=TODAY).meets


def test_a_failed_course_outstanding_fails_even_a_top_rank(province):
    user = student(province, "2023102")
    give_record(province, user, rank=1, cohort=100, failed=1)
    result = eligibility_of(user, on=TODAY)
    assert [c.rule for c in result.failed] == ["failed_courses"]


def test_politics_must_be_league_or_party(province):
    user = student(province, "2023103", politics=PoliticalStatus.MASSES)
    give_record(province, user)
    assert [c.rule for c in eligibility_of(user, on=TODAY).failed] == ["political"]
    for status in (PoliticalStatus.PROBATIONARY_PARTY, PoliticalStatus.PARTY_MEMBER):
        user.political_status = status
        assert eligibility_of(user, on=TODAY).meets


def test_graduate_students_need_only_no_failed_course(province):
    user = student(province, "2023104", level=StudentLevel.GRADUATE)
    give_record(province, user, rank=90, cohort=100)
    assert eligibility_of(user, on=TODAY).meets


def test_first_years_are_exempt_from_the_academic_rule(province):
    user = student(province, "2026105", enrolment_year=2026)
    assert eligibility_of(user, on=TODAY).meets
    assert not eligibility_of(user, on=datetime.date(2027, 9, 2)).meets  # second year, no records


def test_no_records_means_not_judged_eligible(province):
    result = eligibility_of(student(province, "2023106"), on=TODAY)
    assert not result.meets and result.failed[0].rule == "records"


def test_secondary_vocational_schools_have_no_academic_rule_by_default(province):
    school = province.school_a
    school.school_type = SchoolType.SECONDARY_VOCATIONAL
    school.save()
    user = student(province, "2023107")
    user.school = school
    assert eligibility_of(user, on=TODAY).meets


def test_many_people_at_once_get_the_verdicts_each_would_get_alone(province):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tongxin.accounts.models import User
    from tongxin.staff.eligibility import eligibility_of_many

    people = [
        student(province, "2023300"),  # no records
        student(province, "2023301", politics=PoliticalStatus.MASSES),
        student(province, "2023302"),
        student(province, "2023303", level=StudentLevel.GRADUATE),
        student(province, "2023304", enrolment_year=2026),  # a first-year
    ]
    give_record(province, people[1], rank=5)
    give_record(province, people[2], rank=31, cohort=100)
    give_record(province, people[2], rank=20, cohort=100, window="year")
    give_record(province, people[3], rank=90, failed=1)
    users = list(User.objects.filter(pk__in=[u.pk for u in people]).select_related("school"))
    with CaptureQueriesContext(connection) as queries:
        many = eligibility_of_many(users, on=TODAY)
    assert len(queries) == 2
    for user in users:
        alone = eligibility_of(user, on=TODAY)
        assert [(c.rule, c.passed, c.text) for c in many[user.pk].checks] == [
            (c.rule, c.passed, c.text) for c in alone.checks
        ], user.number
    assert [many[u.pk].meets for u in people] == [False, False, True, False, True]
