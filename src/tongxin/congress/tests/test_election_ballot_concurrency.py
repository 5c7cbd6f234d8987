"""Ballots at once: twenty simultaneous requests of one delegate leave one vote counted;
every delegate of a round voting together (each twice) loses nothing and doubles nothing.
Meaningful on PostgreSQL (row locks, the register's unique row); on SQLite the immediate
transaction serialises the voters. Run on both engines."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, transaction
from django.db.models import Sum

from tongxin.congress.election_models import Round, RoundTally, VoterRegister
from tongxin.congress.services.election_ballot import ballot_cast
from tongxin.core.errors import DomainError

from .election_world import ElectionWorld


def _race(runs: list[Callable[[], object]]) -> list[str]:
    barrier = threading.Barrier(len(runs))
    outcomes: list[str] = []
    lock = threading.Lock()

    def act(run: Callable[[], object]) -> None:
        barrier.wait()
        try:
            run()
            result = "won"
        except DomainError as exc:
            result = "refused" if "已投过票" in exc.message else f"error: {exc.message}"
        except Exception as exc:  # reported by the assertion below
            result = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=act, args=(run,)) for run in runs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def _world(province, **kwargs) -> ElectionWorld:  # type: ignore[no-untyped-def]
    with transaction.atomic():
        w = ElectionWorld(province, **kwargs)
        w.open_voting()
    return w


def _vote(w: ElectionWorld, user, choice: str) -> Callable[[], object]:  # type: ignore[no-untyped-def]
    ids = [c.pk for c in w.candidates]

    def run() -> object:
        return ballot_cast(
            actor=user, round_=Round.objects.get(pk=w.round.pk), choices={ids[0]: choice}
        )

    return run


@pytest.mark.django_db(transaction=True)
def test_twenty_requests_of_one_delegate_count_once(province):
    w = _world(province)
    voter = w.voters[0]
    outcomes = _race([_vote(w, voter, "yes") for _ in range(20)])
    assert sorted(outcomes) == ["refused"] * 19 + ["won"]
    r = Round.objects.get(pk=w.round.pk)
    assert r.ballots_cast == 1
    assert VoterRegister.objects.filter(round=r).count() == 1
    first = RoundTally.objects.get(round=r, candidate=w.candidates[0])
    assert (first.yes, first.no, first.abstain) == (1, 0, 0)


@pytest.mark.django_db(transaction=True)
def test_every_delegate_at_once_nothing_lost_nothing_doubled(province):
    w = _world(province, size=12)
    runs = []
    for i, voter in enumerate(w.delegates):
        choice = ("yes", "no", "abstain")[i % 3]
        runs += [_vote(w, voter, choice), _vote(w, voter, choice)]
    outcomes = _race(runs)
    assert sorted(outcomes) == ["refused"] * 12 + ["won"] * 12
    r = Round.objects.get(pk=w.round.pk)
    assert r.ballots_cast == VoterRegister.objects.filter(round=r).count() == 12
    sums = RoundTally.objects.filter(round=r).aggregate(
        yes=Sum("yes"), no=Sum("no"), abstain=Sum("abstain")
    )
    assert sum(sums.values()) == 12 * len(w.candidates)
    first = RoundTally.objects.get(round=r, candidate=w.candidates[0])
    assert (first.yes, first.no, first.abstain) == (4, 4, 4)
