"""The gate of an exit proposal, walked through a real close.

Who may do what, and that each list selector returns exactly what its rule allows, is in
the authorization matrix (assessment/tests/matrix.py, GRANTS).
"""

import pytest

from tongxin.assessment import selectors
from tongxin.assessment.models import ExitProposal
from tongxin.core.authz import can

from .factories import close, open_round, rate, scores, union_with_officers

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(province):
    p = union_with_officers(province)
    p.issues["round_a"] = open_round(p)
    return p


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
