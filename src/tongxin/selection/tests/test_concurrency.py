"""Two actors at once on one candidacy: no lost update, one pause for two objections."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from tongxin.core.errors import StaleObject
from tongxin.selection import services
from tongxin.selection.models import Candidacy, Objection, State, Step

from .factories import at, walk


def _race(runs: dict[str, Callable[[Candidacy], object]], pk: int) -> dict[str, str]:
    barrier = threading.Barrier(len(runs))
    outcomes: dict[str, str] = {}

    def act(name: str, run: Callable[[Candidacy], object]) -> None:
        barrier.wait()
        try:
            run(Candidacy.objects.get(pk=pk))
            outcomes[name] = "won"
        except StaleObject:
            outcomes[name] = "stale"
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=item) for item in runs.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_publish_and_reject_at_once_lose_no_update(province):
    candidacy = walk(province, State.DECIDED)
    version = candidacy.version
    outcomes = _race(
        {
            "publish": lambda c: services.candidacy_publish(
                actor=province.advisor_a, candidacy=c, expected_version=version
            ),
            "reject": lambda c: services.candidacy_reject(
                actor=province.advisor_a, candidacy=c, expected_version=version, reason="不予任用"
            ),
        },
        candidacy.pk,
    )
    assert sorted(outcomes.values()) == ["stale", "won"]
    final = Candidacy.objects.get(pk=candidacy.pk)
    assert final.version == version + 1
    assert final.state == (State.NOTICE if outcomes["publish"] == "won" else State.REJECTED)


@pytest.mark.django_db(transaction=True)
def test_two_objections_at_once_pause_the_notice_once(province):
    candidacy = walk(province, State.NOTICE)
    outcomes = _race(
        {
            name: (
                lambda c, who=who: services.objection_lodge(
                    actor=who, candidacy=c, text="异议", now=at(2025, 9, 30)
                )
            )
            for name, who in (("a2", province.student_a2), ("officer", province.officer_a))
        },
        candidacy.pk,
    )
    assert outcomes == {"a2": "won", "officer": "won"}
    final = Candidacy.objects.get(pk=candidacy.pk)
    assert final.state == State.PAUSED and final.notice_days_left == 3
    assert Objection.objects.filter(candidacy=final).count() == 2
    assert final.events.filter(kind=Step.PAUSED).count() == 1
