"""The demo's ratings: 东江市's table of last year filled (优 for most, 合格 for some, one
重点关注 with a note), YS001's college unions rated by its advisor, all readable by the
demo's city login through the table."""

import pytest

from tongxin.accounts.models import Role, User
from tongxin.demo.build import build_demo
from tongxin.orgs.models import Node, NodeKind
from tongxin.testing.clock import moment

from ..models import Grade, Rating
from ..rating_facts import rating_table_for

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-11-20"))]


def test_the_demo_city_has_rated_last_years_congresses() -> None:
    result = build_demo(cities=2, schools=4, students=300)
    logins = {login.role: login for login in result.logins}
    city_staff = User.objects.get(pk=logins[Role.FEDERATION_STAFF].user_id)
    school = Node.objects.get(pk=logins[Role.ADVISOR].school_id)
    table = list(rating_table_for(actor=city_staff, year=2025))
    ratings = {r.union_id: r for r in Rating.objects.filter(year=2025)}
    assert table and all(u.pk in ratings for u in table)
    grades = [ratings[u.pk].grade for u in table]
    assert grades.count(Grade.ATTENTION) == 1 and grades.count(Grade.EXCELLENT) > len(grades) / 2
    flagged = next(ratings[u.pk] for u in table if ratings[u.pk].grade == Grade.ATTENTION)
    assert flagged.notes and flagged.school_id != school.pk
    colleges = Node.objects.filter(school=school, kind=NodeKind.COLLEGE_UNION)
    assert {r.union_id for r in Rating.objects.filter(rater=school)} == {c.pk for c in colleges}
    assert result.counts["congress_ratings"] == len(ratings)
