"""Each list selector returns exactly the objects its rule allows, per persona."""

import datetime

import pytest
from django.utils import timezone

from tongxin.assessment import selectors, services
from tongxin.assessment.models import ExitProposal, RatedOfficer, Round
from tongxin.core.authz import can
from tongxin.testing.province import PERSONAS

from .factories import close, open_round, rate, scores, union_with_officers

pytestmark = pytest.mark.django_db

EVERYONE = [*PERSONAS, "advisor_b", "officer_b", "student_a2", "student_b", "minister_a"]


@pytest.fixture
def world(province):
    p = union_with_officers(province)
    p.issues["round_a"] = open_round(p)
    p.issues["round_b"] = services.round_open(
        actor=p.advisor_b,
        union=p.union_b,
        term="2025-2026-2",
        deadline=timezone.localdate() + datetime.timedelta(days=3),
        raters=services.RaterChoice(teachers=[p.advisor_b], delegates=[p.student_b]),
    )
    return p


@pytest.mark.parametrize("persona", EVERYONE)
def test_round_list_matches_view_round(world, persona):
    user = world.people[persona]
    listed = set(selectors.round_list_for(actor=user))
    allowed = {r for r in Round.objects.all() if can(user, "assessment.view_round", r)}
    assert listed == allowed
    expected = {"advisor_a": {world.issues["round_a"]}, "advisor_b": {world.issues["round_b"]}}
    assert listed == expected.get(persona, set())


@pytest.mark.parametrize("persona", EVERYONE)
def test_to_rate_list_matches_rate_officer(world, persona):
    user = world.people[persona]
    listed = set(selectors.to_rate_for(actor=user))
    allowed = {r for r in RatedOfficer.objects.all() if can(user, "assessment.rate_officer", r)}
    assert listed == allowed
    assert all(r.officer_id != user.pk for r in listed)


@pytest.mark.parametrize("persona", EVERYONE)
def test_union_list_matches_open_round(world, persona):
    from tongxin.orgs.models import UNION_KINDS, Node

    user = world.people[persona]
    listed = set(selectors.union_list_for(actor=user))
    unions = Node.objects.filter(kind__in=UNION_KINDS)
    assert listed == {u for u in unions if can(user, "assessment.open_round", u)}


def test_exit_proposal_gate_is_the_advisors_school(world):
    p = world
    for key in ["advisor_a", "secretary_a1", "student_a", "student_a2"]:
        rate(p, key, p.issues["round_a"], "member_a", scores(30))
    close(p, p.issues["round_a"])
    proposal = ExitProposal.objects.get()
    assert selectors.proposal_get_for(actor=p.advisor_a, pk=proposal.pk) == proposal
    for persona in ["advisor_b", "officer_a", "member_a", "province_admin"]:
        with pytest.raises(ExitProposal.DoesNotExist):
            selectors.proposal_get_for(actor=p.people[persona], pk=proposal.pk)
    assert can(p.advisor_a, "assessment.decide_exit", proposal)
    assert not can(p.advisor_b, "assessment.decide_exit", proposal)


def test_page_permissions_per_role(world):
    p = world
    assert can(p.advisor_a, "assessment.open_rounds") and not can(
        p.officer_a, "assessment.open_rounds"
    )
    assert can(p.student_a, "assessment.open_rating") and not can(
        p.handler_a, "assessment.open_rating"
    )
    assert can(p.officer_a, "assessment.view_own_results")
    assert not can(p.student_a, "assessment.view_own_results")
    assert can(p.province_admin, "assessment.manage_policy")
    assert not can(p.province_staff, "assessment.manage_policy")
