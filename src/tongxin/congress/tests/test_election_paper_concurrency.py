"""Tellers entering at once: two equal entries saved together count the round exactly
once (one run of decide_round, one count event), and a teller's double submission leaves
one entry. Meaningful on PostgreSQL (the round's row lock); on SQLite the immediate
transaction serialises the writers."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, transaction

from tongxin.audit.models import AuditEvent
from tongxin.congress.election_models import ElectionMode, Round, RoundState, TellerEntry
from tongxin.congress.services.election_paper import PaperCount, count_entry_save
from tongxin.core.errors import DomainError
from tongxin.testing.province import TinyProvince

from .election_world import ElectionWorld


def _race(runs: list[Callable[[], object]]) -> list[str]:
    barrier = threading.Barrier(len(runs))
    outcomes: list[str] = []

    def act(run: Callable[[], object]) -> None:
        barrier.wait()
        try:
            run()
            outcomes.append("saved")
        except DomainError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(run,)) for run in runs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


def _closed(province: TinyProvince) -> tuple[ElectionWorld, PaperCount]:
    with transaction.atomic():  # set-up: new_round audits inside a transaction
        world = ElectionWorld(province, mode=ElectionMode.PAPER)
        world.open_voting()
    Round.objects.filter(pk=world.round.pk).update(state=RoundState.CLOSED)
    counts = {c.pk: (y, 7 - y, 1) for c, y in zip(world.candidates, [7, 6, 2], strict=True)}
    return world, PaperCount(9, 1, 0, counts)


def _save(world: ElectionWorld, who: object, entry: PaperCount) -> Callable[[], object]:
    return lambda: count_entry_save(
        actor=who,  # type: ignore[arg-type]
        round_=Round.objects.get(pk=world.round.pk),
        entry=entry,
    )


@pytest.mark.django_db(transaction=True)
def test_two_equal_entries_at_once_count_the_round_once(province: TinyProvince) -> None:
    world, entry = _closed(province)
    outcomes = _race([_save(world, world.chief, entry), _save(world, world.teller, entry)])
    assert sorted(outcomes) == ["saved", "saved"]
    round_ = world.fresh_round()
    assert round_.state == RoundState.COUNTED
    assert AuditEvent.objects.filter(action="congress.round.counted").count() == 1
    assert [t.yes for t in round_.tallies.order_by("candidate__order")] == [7, 6, 2]


@pytest.mark.django_db(transaction=True)
def test_a_teller_submitting_twice_at_once_keeps_one_entry(province: TinyProvince) -> None:
    world, entry = _closed(province)
    outcomes = _race([_save(world, world.chief, entry) for _ in range(5)])
    assert outcomes == ["saved"] * 5
    assert TellerEntry.objects.filter(round=world.round).count() == 1
    assert world.fresh_round().state == RoundState.CLOSED
