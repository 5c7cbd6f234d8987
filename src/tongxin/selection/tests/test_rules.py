"""Who sees grades' figures and political status of a candidate, and when the secretary
stops seeing them.

Each permission per person (the steps on a candidacy under notice, the pages, the settings)
is in the authorization matrix (selection/tests/matrix.py, GRANTS).
"""

import pytest

from tongxin.core.authz import can
from tongxin.selection import services
from tongxin.selection.models import State
from tongxin.selection.presenters import eligibility_lines

from .factories import walk

pytestmark = pytest.mark.django_db

SCHOOL_A_OTHERS = ["student_a", "student_a2", "officer_a", "college_officer_a1", "handler_a"]
OUTSIDERS = ["secretary_a2", "advisor_b", "student_b", "city_staff_1", "province_admin"]


def _texts(candidacy, viewer):
    return " ".join(line.text for line in eligibility_lines(candidacy.candidate, viewer, candidacy))


@pytest.mark.parametrize("persona", ["advisor_a", "secretary_a1", "candidate"])
def test_figures_are_shown_to_the_candidate_advisor_and_recommending_secretary(province, persona):
    candidacy = walk(province, State.REVIEWED)
    viewer = candidacy.candidate if persona == "candidate" else province.people[persona]
    assert can(viewer, "selection.view_candidate_grades", candidacy)
    assert "第 5/100 名" in _texts(candidacy, viewer)


@pytest.mark.parametrize("persona", SCHOOL_A_OTHERS + OUTSIDERS)
def test_everyone_else_sees_only_meets_or_not(province, persona):
    candidacy = walk(province, State.REVIEWED)
    viewer = province.people[persona]
    assert not can(viewer, "selection.view_candidate_grades", candidacy)
    texts = _texts(candidacy, viewer)
    assert "5/100" not in texts and "综合排名符合要求" in texts


def test_the_secretary_loses_the_figures_when_the_selection_closes(province):
    candidacy = walk(province, State.REVIEWED)
    closed = services.candidacy_reject(
        actor=province.advisor_a,
        candidacy=candidacy,
        expected_version=candidacy.version,
        reason="不予任用。",
    )
    assert not can(province.secretary_a1, "selection.view_candidate_grades", closed)
    assert "5/100" not in _texts(closed, province.secretary_a1)
    assert can(province.advisor_a, "selection.view_candidate_grades", closed)
    assert can(closed.candidate, "selection.view_candidate_grades", closed)


def test_political_status_stays_with_the_advisor_and_the_person(province):
    candidacy = walk(province, State.REVIEWED)
    assert "共青团员" in _texts(candidacy, province.advisor_a)
    assert "共青团员" in _texts(candidacy, candidacy.candidate)
    secretary_view = _texts(candidacy, province.secretary_a1)
    assert "共青团员" not in secretary_view and "政治面貌符合要求" in secretary_view
