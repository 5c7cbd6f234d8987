"""Lists scoped in SQL: the candidate's own, the notice of the viewer's school, the
secretary's college. (candidacy_list_for against selection.view_candidacy, for every person,
is in the authorization matrix: selection/tests/matrix.py.)"""

import pytest

from tongxin.accounts.models import Position
from tongxin.selection import selectors
from tongxin.selection.models import Candidacy, State
from tongxin.staff.tests.factories import give_record

from .factories import FRIDAY, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidacies(province):
    mine = walk(province, State.NOTICE)
    give_record(province, province.student_a2)
    from tongxin.selection import services

    sibling = services.candidacy_recommend(
        actor=province.secretary_a2,
        candidate=province.student_a2,
        union=province.union_a,
        position=Position.PRESIDENT,
        department=None,
        recommendation="推荐。",
        now=FRIDAY,
    )
    other_school = Candidacy.objects.create(  # set-up straight through the ORM
        school=province.school_b,
        college=province.college_b1,
        union=province.union_b,
        candidate=province.student_b,
        position=Position.PRESIDENT,
        recommended_by=province.advisor_b,
        recommendation="推荐。",
        state=State.NOTICE,
    )
    return [mine, sibling, other_school]


def test_the_candidate_lists_their_own(province, candidacies):
    mine = candidacies[0]
    listed = list(selectors.candidacy_list_for(actor=mine.candidate))
    assert listed == [mine]


@pytest.mark.parametrize(
    ("persona", "count"),
    [("student_a", 1), ("advisor_a", 1), ("student_b", 1), ("city_staff_1", 0)],
)
def test_the_notice_lists_the_viewers_school_only(province, candidacies, persona, count):
    listed = list(selectors.notice_list_for(actor=province.people[persona]))
    assert len(listed) == count
    assert all(c.school_id == province.people[persona].school_id for c in listed)


def test_the_student_search_stays_in_the_secretarys_college(province):
    assert selectors.college_student_find(actor=province.secretary_a1, number="2024001") == (
        province.student_a
    )
    assert selectors.college_student_find(actor=province.secretary_a2, number="2024001") is None
    assert selectors.college_student_find(actor=province.advisor_a, number="2024001") is None


def test_target_unions_of_a_college_secretary(province):
    names = {u.pk for u in selectors.target_unions_for(actor=province.secretary_a1)}
    assert names == {province.union_a.pk, province.grad_union_a.pk, province.college_union_a1.pk}
