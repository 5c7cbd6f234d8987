"""Two actors at once on one session or line: no lost update, one open session per line."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from tongxin.congress import services
from tongxin.congress.models import CongressLine, Session, SessionState
from tongxin.congress.tests.session_factories import line, walk
from tongxin.core.errors import DomainError


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


@pytest.mark.django_db(transaction=True)
def test_approve_and_cancel_at_once_lose_no_update(province):
    session = walk(province, SessionState.APPLIED)
    version = session.version
    outcomes = _race(
        {
            "approve": lambda: services.session_approve(
                actor=province.advisor_a,
                session=Session.objects.get(pk=session.pk),
                expected_version=version,
            ),
            "cancel": lambda: services.session_cancel(
                actor=province.college_officer_a1,
                session=Session.objects.get(pk=session.pk),
                expected_version=version,
                reason="推迟",
            ),
        }
    )
    assert sorted(outcomes.values()) == ["refused", "won"]
    final = Session.objects.get(pk=session.pk)
    assert final.version == version + 1
    won = SessionState.APPROVED if outcomes["approve"] == "won" else SessionState.CANCELLED
    assert final.state == won


@pytest.mark.django_db(transaction=True)
def test_two_officers_planning_at_once_open_one_session(province):
    college = line(province)
    outcomes = _race(
        {
            name: (
                lambda: services.session_plan(
                    actor=province.college_officer_a1,
                    line=CongressLine.objects.get(pk=college.pk),
                )
            )
            for name in ["first", "second"]
        }
    )
    assert sorted(outcomes.values()) == ["refused", "won"]
    assert Session.objects.filter(line=college).count() == 1
