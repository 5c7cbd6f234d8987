"""Checking in at once: twenty simultaneous check-ins of one delegate leave one row; many
delegates checking in together are all counted; a check-in racing the opening of the vote
either lands before the snapshot (and is counted in it) or is refused. Meaningful on
PostgreSQL (row locks, the unique constraint); on SQLite the transactions serialise."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, transaction
from django.utils import timezone

from tongxin.audit.models import AuditEvent
from tongxin.congress.election_checkin import checkin_code
from tongxin.congress.election_models import Attendance, Round, RoundState
from tongxin.congress.services import election_checkin as services
from tongxin.core.errors import DomainError

from .election_world import ElectionWorld


def _race(runs: list[Callable[[], object]]) -> list[str]:
    barrier = threading.Barrier(len(runs))
    outcomes: list[str] = []
    lock = threading.Lock()

    def act(run: Callable[[], object]) -> None:
        barrier.wait()
        try:
            result = run()
            outcome = "new" if result is True else "again" if result is False else "done"
        except DomainError:
            outcome = "refused"
        except Exception as exc:  # the test reports what broke
            outcome = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=act, args=(run,)) for run in runs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def _world(province) -> ElectionWorld:
    with transaction.atomic():  # the set-up audits the round it creates
        return ElectionWorld(province)


def _check_in(round_pk: int, user, code: str) -> Callable[[], object]:
    def run() -> object:
        return services.round_check_in(actor=user, round_=Round.objects.get(pk=round_pk), code=code)

    return run


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_check_ins_of_one_delegate_leave_one_row(province):
    w = _world(province)
    services.round_start_checkin(actor=w.advisor, round_=w.round)
    voter = w.voters[0]
    code = checkin_code(w.round, timezone.now())
    outcomes = _race([_check_in(w.round.pk, voter, code) for _ in range(20)])
    assert sorted(outcomes) == ["again"] * 19 + ["new"], outcomes
    assert Attendance.objects.filter(round_id=w.round.pk, user=voter).count() == 1
    assert AuditEvent.objects.filter(action="congress.round.checked_in").count() == 1


@pytest.mark.django_db(transaction=True)
def test_delegates_checking_in_together_are_all_counted(province):
    w = _world(province)
    services.round_start_checkin(actor=w.advisor, round_=w.round)
    code = checkin_code(w.round, timezone.now())
    outcomes = _race([_check_in(w.round.pk, u, code) for u in w.delegates])
    assert outcomes == ["new"] * len(w.delegates), outcomes
    assert Attendance.objects.filter(round_id=w.round.pk).count() == len(w.delegates)


@pytest.mark.django_db(transaction=True)
def test_a_check_in_racing_the_opening_is_counted_in_the_snapshot_or_refused(province):
    w = _world(province)
    services.round_start_checkin(actor=w.advisor, round_=w.round)
    for u in w.delegates[:7]:
        services.round_tick(actor=w.advisor, round_=w.round, user=u)
    code = checkin_code(w.round, timezone.now())
    late = w.delegates[7:]

    def open_() -> object:
        services.round_open(actor=w.advisor, round_=Round.objects.get(pk=w.round.pk))
        return None

    _race([open_, *(_check_in(w.round.pk, u, code) for u in late)])
    round_ = Round.objects.get(pk=w.round.pk)
    assert round_.state == RoundState.VOTING
    assert round_.present_count == Attendance.objects.filter(round_id=round_.pk).count()
