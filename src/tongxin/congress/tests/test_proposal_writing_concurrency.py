"""Writing at once: two submissions in one session take different numbers, invitees
confirming together are all counted, one delegate writing twice at once stays within the
limit. Meaningful on PostgreSQL (row locks); on SQLite the immediate transaction
serialises the writers."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from tongxin.congress.models import CongressRule, UnionLevel
from tongxin.congress.proposal_models import (
    Proposal,
    ProposalEvent,
    ProposalSigner,
    ProposalState,
    SignerStatus,
)
from tongxin.congress.services import proposal_writing as services
from tongxin.core.errors import DomainError

from .proposal_factories_writing import World


def _race(runs: dict[str, Callable[[], object]]) -> dict[str, str]:
    barrier = threading.Barrier(len(runs))
    outcomes: dict[str, str] = {}

    def act(name: str, run: Callable[[], object]) -> None:
        barrier.wait()
        try:
            run()
            outcomes[name] = "won"
        except DomainError:
            outcomes[name] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=item) for item in runs.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


def _submit(pk: int) -> Callable[[], object]:
    def run() -> object:
        p = Proposal.objects.get(pk=pk)
        return services.proposal_submit(actor=p.lead, proposal=p, expected_version=p.version)

    return run


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_take_different_numbers(province):
    w = World(province)
    first = w.ready(lead=w.delegates[0], signers=2)
    second = w.ready(lead=w.delegates[3], signers=2)
    outcomes = _race({"first": _submit(first.pk), "second": _submit(second.pk)})
    assert outcomes == {"first": "won", "second": "won"}
    numbers = sorted(Proposal.objects.values_list("number", flat=True))
    assert numbers == [1, 2]
    assert set(Proposal.objects.values_list("state", flat=True)) == {ProposalState.SUBMITTED}


@pytest.mark.django_db(transaction=True)
def test_invitees_confirming_at_once_are_all_counted(province):
    w = World(province)
    p = w.write()
    invitees = w.delegates[1:6]
    w.invite(p, invitees)

    def cosign(user):
        return lambda: services.proposal_cosign(
            actor=user, proposal=Proposal.objects.get(pk=p.pk), expected_version=1
        )

    outcomes = _race({str(u.pk): cosign(u) for u in invitees})
    assert set(outcomes.values()) == {"won"}
    confirmed = ProposalSigner.objects.filter(proposal=p, status=SignerStatus.CONFIRMED)
    assert confirmed.count() == len(invitees)
    assert ProposalEvent.objects.filter(proposal=p, kind="cosigned").count() == len(invitees)
    assert Proposal.objects.get(pk=p.pk).version == 1


@pytest.mark.django_db(transaction=True)
def test_one_delegate_writing_twice_at_once_stays_within_the_limit(province):
    w = World(province)
    CongressRule.objects.create(level=UnionLevel.SCHOOL, proposal_max_lead=1)
    outcomes = _race(
        {
            "one": lambda: w.write(title="延长图书馆开放时间"),
            "two": lambda: w.write(title="增加食堂夜宵窗口"),
        }
    )
    assert sorted(outcomes.values()) == ["refused", "won"]
    assert Proposal.objects.filter(lead=w.lead).count() == 1
