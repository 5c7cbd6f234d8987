"""Two decisions at once: crossed merges (A into B while B into A) end with one merge and
no deadlock (both rows are locked in id order); accepting and merging one proposal at once
leave one decision."""

import pytest

from tongxin.congress.proposal_models import DeadlineKind, Proposal, ProposalState
from tongxin.congress.services import proposal_committee as services

from .proposal_factories_committee import confirmed_session, name_committee, submitted
from .test_session_concurrency import _race

P = ProposalState


@pytest.fixture
def world(province):
    session = confirmed_session(province)
    name_committee(province, session)
    a = submitted(province, session, province.student_a, province.officer_a, title="图书馆延时")
    b = submitted(province, session, province.people["delegate_0"], title="自习室延时")
    return province, a, b


def _merge(province, source, target):
    return lambda: services.proposal_merge(
        actor=province.advisor_a,
        proposal=Proposal.objects.get(pk=source.pk),
        expected_version=source.version,
        target=Proposal.objects.get(pk=target.pk),
        present=[province.handler_a],
    )


@pytest.mark.django_db(transaction=True)
def test_crossed_merges_at_once_leave_one_merge(world):
    province, a, b = world
    outcomes = _race({"a_into_b": _merge(province, a, b), "b_into_a": _merge(province, b, a)})
    assert sorted(outcomes.values()) == ["refused", "won"]
    states = sorted(Proposal.objects.values_list("state", flat=True))
    assert states == sorted([P.MERGED, P.SUBMITTED])
    merged = Proposal.objects.get(state=P.MERGED)
    assert Proposal.objects.get(pk=merged.merged_into_id).state == P.SUBMITTED


@pytest.mark.django_db(transaction=True)
def test_accept_and_merge_at_once_leave_one_decision(world):
    province, a, b = world
    outcomes = _race(
        {
            "accept": lambda: services.proposal_accept(
                actor=province.advisor_a,
                proposal=Proposal.objects.get(pk=a.pk),
                expected_version=a.version,
                lead_office=province.logistics_office_a,
                co_offices=[],
                deadline_kind=DeadlineKind.COMPLEX,
                present=[province.handler_a],
            ),
            "merge": _merge(province, a, b),
        }
    )
    assert sorted(outcomes.values()) == ["refused", "won"]
    final = Proposal.objects.get(pk=a.pk)
    assert final.state == (P.REFERRED if outcomes["accept"] == "won" else P.MERGED)
    assert final.version == a.version + 1
