"""Counting by the rules: more than half of those PRESENT, a tie for the last seat goes to a
run-off, unfilled seats to a further round (election_count and election_common.decide_round)."""

import pytest

from tongxin.congress.election_count import competitive_enough, count, quorum_met
from tongxin.congress.election_models import ElectionState, Outcome, RoundKind, RoundState
from tongxin.congress.services.election_common import decide_round
from tongxin.testing.province import TinyProvince

from .election_world import ElectionWorld


def test_more_than_half_of_those_present_not_of_ballots_cast() -> None:
    # 10 present; 5 is exactly half: not elected, even if only 6 ballots came back.
    result = count(2, 10, [("a", 6), ("b", 5)])
    assert result.elected == ["a"]
    assert result.not_elected == ["b"]
    assert result.unfilled == 1


def test_the_most_votes_take_the_seats() -> None:
    result = count(2, 10, [("a", 7), ("b", 9), ("c", 8)])
    assert result.elected == ["b", "c"]
    assert result.not_elected == ["a"]
    assert (result.tied, result.unfilled) == ([], 0)


def test_a_tie_for_the_last_seat_goes_to_a_run_off() -> None:
    result = count(2, 10, [("a", 9), ("b", 7), ("c", 7), ("d", 2)])
    assert result.elected == ["a"]
    assert sorted(result.tied) == ["b", "c"]
    assert result.runoff_seats == 1
    assert result.not_elected == ["d"]


def test_a_tie_within_the_seats_is_no_tie() -> None:
    result = count(3, 10, [("a", 9), ("b", 7), ("c", 7), ("d", 2)])
    assert result.elected == ["a", "b", "c"]
    assert result.tied == []


@pytest.mark.parametrize(
    ("present", "due", "met"), [(7, 10, True), (6, 9, False), (7, 9, True), (0, 0, False)]
)
def test_quorum_is_more_than_two_thirds(present: int, due: int, met: bool) -> None:
    assert quorum_met(present, due) is met


@pytest.mark.parametrize(
    ("candidates", "seats", "ok"),
    [(6, 5, True), (5, 5, False), (3, 2, True), (11, 10, False), (12, 10, True)],
)
def test_competitive_means_twenty_percent_more_candidates(
    candidates: int, seats: int, ok: bool
) -> None:
    assert competitive_enough(candidates, seats, 120) is ok


def _set(world: ElectionWorld, yes: list[int]) -> None:
    round_ = world.open_voting()
    for tally, n in zip(round_.tallies.order_by("candidate__order"), yes, strict=True):
        tally.yes = n
        tally.save()


@pytest.mark.django_db
def test_decide_round_elects_and_finishes_the_election(province: TinyProvince) -> None:
    world = ElectionWorld(province, size=9, candidates=3, seats=2)
    _set(world, [8, 6, 3])
    assert decide_round(world.fresh_round()) is None
    assert world.fresh_round().state == RoundState.COUNTED
    world.election.refresh_from_db()
    assert world.election.state == ElectionState.DONE
    outcomes = [c.outcome for c in world.election.candidates.order_by("order")]
    assert outcomes == [Outcome.ELECTED, Outcome.ELECTED, Outcome.NOT_ELECTED]


@pytest.mark.django_db
def test_decide_round_opens_a_run_off_between_the_tied(province: TinyProvince) -> None:
    world = ElectionWorld(province, size=9, candidates=3, seats=2)
    _set(world, [9, 6, 6])
    runoff = decide_round(world.fresh_round())
    assert runoff is not None and runoff.kind == RoundKind.RUNOFF
    assert runoff.seats == 1 and runoff.state == RoundState.DRAFT
    on_ballot = {t.candidate.user_id for t in runoff.tallies.select_related("candidate")}
    assert on_ballot == {u.pk for u in world.candidate_users[1:]}


@pytest.mark.django_db
def test_decide_round_opens_a_further_round_for_unfilled_seats(province: TinyProvince) -> None:
    world = ElectionWorld(province, size=9, candidates=3, seats=2)
    _set(world, [8, 4, 3])
    further = decide_round(world.fresh_round())
    assert further is not None and further.kind == RoundKind.FURTHER
    assert further.seats == 1
    assert further.tallies.count() == 2


@pytest.mark.django_db
def test_no_round_beyond_the_setting_the_seats_stay_unfilled(province: TinyProvince) -> None:
    from tongxin.congress.models import CongressRule

    world = ElectionWorld(province, size=9, candidates=3, seats=2)
    CongressRule.objects.update_or_create(
        level=world.session.line.level, defaults={"election_max_rounds": 1}
    )
    _set(world, [8, 4, 3])
    assert decide_round(world.fresh_round()) is None
    world.election.refresh_from_db()
    assert world.election.state == ElectionState.DONE
    assert world.election.candidates.filter(outcome=Outcome.ELECTED).count() == 1


@pytest.mark.django_db
def test_a_cancelled_round_does_not_use_up_the_rounds(province: TinyProvince) -> None:
    from tongxin.congress.election_models import Round
    from tongxin.congress.models import CongressRule
    from tongxin.congress.services.election_common import new_round

    world = ElectionWorld(province, size=9, candidates=3, seats=2)
    CongressRule.objects.update_or_create(
        level=world.session.line.level, defaults={"election_max_rounds": 2}
    )
    Round.objects.filter(pk=world.round.pk).update(state=RoundState.CANCELLED)
    world.round = new_round(world.election, kind="first", seats=2, candidates=world.candidates)
    _set(world, [8, 4, 3])
    further = decide_round(world.fresh_round())
    assert further is not None and further.number == 3  # round 2 counted; one more allowed
