"""Two at once on an election's setup: one election per session, one start (one round 1),
one publication (the candidacies moved once)."""

import pytest

from tongxin.congress.election_models import Election, ElectionState
from tongxin.congress.models import Session
from tongxin.congress.services import election_setup as svc
from tongxin.selection.models import Candidacy, CandidacyEvent, State
from tongxin.testing.clock import moment

from .election_setup_world import SetupWorld
from .test_session_concurrency import _race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.time_machine(moment("2025-11-03")),
]


def test_two_creations_at_once_make_one_election(province):
    world = SetupWorld(province, candidates=0)
    outcomes = _race(
        {
            name: (
                lambda: svc.election_create(
                    actor=world.advisor,
                    session=Session.objects.get(pk=world.session.pk),
                    seats=2,
                    mode="electronic",
                    write_ins_allowed=True,
                )
            )
            for name in ["first", "second"]
        }
    )
    assert sorted(outcomes.values()) == ["refused", "won"]
    assert Election.objects.filter(session=world.session).count() == 1


def test_two_starts_at_once_open_one_first_round(province):
    world = SetupWorld(province)
    election = world.set_up(world.create())
    outcomes = _race(
        {
            name: (
                lambda: svc.election_start(
                    actor=world.advisor,
                    election=Election.objects.get(pk=election.pk),
                    expected_version=election.version,
                )
            )
            for name in ["first", "second"]
        }
    )
    assert sorted(outcomes.values()) == ["refused", "won"]
    assert Election.objects.get(pk=election.pk).rounds.count() == 1


def test_two_publications_at_once_move_the_candidacies_once(province):
    world = SetupWorld(province)
    election = world.counted([5, 4, 2])
    outcomes = _race(
        {
            name: (
                lambda: svc.election_publish(
                    actor=world.advisor,
                    election=Election.objects.get(pk=election.pk),
                    expected_version=election.version,
                )
            )
            for name in ["first", "second"]
        }
    )
    assert sorted(outcomes.values()) == ["refused", "won"]
    assert Election.objects.get(pk=election.pk).state == ElectionState.PUBLISHED
    first = Candidacy.objects.get(pk=world.candidacies[0].pk)
    assert first.state == State.ELECTED
    assert CandidacyEvent.objects.filter(candidacy=first, kind="elected").count() == 1
