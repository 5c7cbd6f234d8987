"""Permissions per persona, and who sees grades' figures of a candidate."""

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


STEP_PERMS = {
    "selection.consent_candidacy": {"secretary_a1"},
    "selection.withdraw_candidacy": {"secretary_a1"},
    "selection.review_candidacy": {"advisor_a"},
    "selection.decide_candidacy": {"advisor_a"},
    "selection.publish_candidacy": {"advisor_a"},
    "selection.resolve_objection": {"advisor_a"},
    "selection.appoint_candidacy": {"advisor_a"},
    "selection.reject_candidacy": {"advisor_a"},
    "selection.view_candidacy": {"advisor_a", "secretary_a1"},
    "selection.object_to_candidacy": {"student_a", "student_a2", "officer_a", "college_officer_a1"},
}
PERSONAS = SCHOOL_A_OTHERS + OUTSIDERS + ["advisor_a", "secretary_a1"]


@pytest.mark.parametrize("perm", sorted(STEP_PERMS))
def test_each_permission_per_persona(province, perm):
    candidacy = walk(province, State.NOTICE)
    allowed = {p for p in PERSONAS if can(province.people[p], perm, candidacy)}
    assert allowed == STEP_PERMS[perm]


@pytest.mark.parametrize(
    ("perm", "allowed"),
    [
        ("selection.open_candidacy_list", {"advisor_a", "advisor_b"}),
        ("selection.open_settings", {"advisor_a", "advisor_b"}),
        ("selection.open_college_list", {"secretary_a1", "secretary_a2"}),
        (
            "selection.view_notice",
            set(SCHOOL_A_OTHERS)
            | {"secretary_a1", "secretary_a2", "advisor_a", "advisor_b", "student_b"},
        ),
    ],
)
def test_page_permissions(province, perm, allowed):
    assert {p for p in PERSONAS if can(province.people[p], perm)} == allowed


def test_only_the_schools_advisor_manages_its_settings(province):
    assert can(province.advisor_a, "selection.manage_settings", province.school_a)
    assert not can(province.advisor_b, "selection.manage_settings", province.school_a)
    assert not can(province.secretary_a1, "selection.manage_settings", province.school_a)
