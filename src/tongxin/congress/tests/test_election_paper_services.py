"""Paper rounds: the ballots issued, two tellers' entries that must agree, a recount asked
when they differ, and more ballots returned than issued voiding the round."""

from typing import Any

import pytest

from tongxin.audit.models import AuditEvent
from tongxin.congress.election_models import (
    ElectionMode,
    ElectionState,
    Outcome,
    Round,
    RoundKind,
    RoundState,
    TellerEntry,
)
from tongxin.congress.services.election_paper import (
    PaperCount,
    count_entry_save,
    round_ballots_issued,
)
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.testing.province import TinyProvince

from .delegate_world import add_students
from .election_world import ElectionWorld

pytestmark = pytest.mark.django_db


def _closed(province: TinyProvince, **kw: Any) -> ElectionWorld:
    """9 delegates all present, 9 paper ballots issued, voting closed; 3 stand for 2 seats."""
    world = ElectionWorld(province, mode=ElectionMode.PAPER, **kw)
    world.open_voting()
    Round.objects.filter(pk=world.round.pk).update(state=RoundState.CLOSED)
    world.fresh_round()
    return world


def _entry(world: ElectionWorld, yes: list[int], returned: int = 9, **kw: Any) -> PaperCount:
    blank, void = kw.pop("blank", 1), kw.pop("void", 0)
    valid = returned - blank - void
    counts = {
        c.pk: (y, max(valid - y - 1, 0), 1) for c, y in zip(world.candidates, yes, strict=True)
    }
    return PaperCount(returned, blank, void, counts, **kw)


def _save(world: ElectionWorld, who: Any, entry: PaperCount) -> Round:
    return count_entry_save(actor=who, round_=world.fresh_round(), entry=entry)


def test_two_equal_entries_count_the_round(province: TinyProvince) -> None:
    world = _closed(province)
    entry = _entry(world, [7, 6, 2])
    _save(world, world.chief, entry)
    assert world.fresh_round().state == RoundState.CLOSED
    _save(world, world.teller, entry)
    round_ = world.fresh_round()
    assert round_.state == RoundState.COUNTED
    assert (round_.ballots_cast, round_.blank_ballots, round_.void_ballots) == (9, 1, 0)
    yes = [t.yes for t in round_.tallies.order_by("candidate__order")]
    assert yes == [7, 6, 2]
    world.election.refresh_from_db()
    assert world.election.state == ElectionState.DONE
    outcomes = [c.outcome for c in world.election.candidates.order_by("order")]
    assert outcomes == [Outcome.ELECTED, Outcome.ELECTED, Outcome.NOT_ELECTED]


def test_unequal_entries_are_both_kept_and_a_recount_is_asked(province: TinyProvince) -> None:
    world = _closed(province)
    _save(world, world.chief, _entry(world, [7, 6, 2]))
    _save(world, world.teller, _entry(world, [7, 5, 2]))
    assert world.fresh_round().state == RoundState.CLOSED
    assert TellerEntry.objects.filter(round=world.round).count() == 2
    event = AuditEvent.objects.get(action="congress.round.count_mismatched")
    assert event.data["paper_differences"] == [f"候选人{world.candidate_users[1].real_name}"]
    # The teller recounts and enters again: their entry is replaced, and now they agree.
    _save(world, world.teller, _entry(world, [7, 6, 2]))
    assert world.fresh_round().state == RoundState.COUNTED
    assert TellerEntry.objects.filter(round=world.round).count() == 2


def test_more_ballots_returned_than_issued_void_the_round(province: TinyProvince) -> None:
    world = _closed(province)
    Round.objects.filter(pk=world.round.pk).update(ballots_issued=8)
    entry = _entry(world, [7, 6, 2], returned=9)
    _save(world, world.chief, entry)
    _save(world, world.teller, entry)
    void = world.fresh_round()
    assert void.state == RoundState.VOID
    assert "收回选票 9 张，多于发出选票 8 张" in void.void_reason
    again = Round.objects.get(election=world.election, number=2)
    assert (again.state, again.kind, again.seats) == (RoundState.DRAFT, RoundKind.FIRST, 2)
    assert again.tallies.count() == 3
    assert AuditEvent.objects.filter(action="congress.round.voided").count() == 1


def test_write_ins_are_counted_and_may_be_elected(province: TinyProvince) -> None:
    world = _closed(province)
    other = add_students(province, 1, 1, 3288000)[0]
    counts = {c.pk: (0, 7, 1) for c in world.candidates}
    entry = PaperCount(9, 1, 0, counts, [(other, 6)])
    _save(world, world.chief, entry)
    _save(world, world.teller, entry)
    round_ = world.fresh_round()
    assert round_.state == RoundState.COUNTED
    (write_in,) = round_.write_ins.all()
    assert (write_in.user_id, write_in.yes, write_in.outcome) == (other.pk, 6, Outcome.ELECTED)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"blank": 6, "void": 4}, "blank_ballots", "空白票与无效票之和（10）不能多于收回选票（9）"),
        ({"returned": -1}, "ballots_returned", "收回选票应为 0 到"),
    ],
)
def test_impossible_totals_are_refused_naming_the_field(
    province: TinyProvince, change: dict[str, int], field: str, message: str
) -> None:
    world = _closed(province)
    returned = change.pop("returned", 9)
    entry = PaperCount(returned, change.get("blank", 0), change.get("void", 0), {})
    with pytest.raises(DomainError, match=message) as refused:
        _save(world, world.chief, entry)
    assert refused.value.field == field
    assert not TellerEntry.objects.exists()


def test_a_candidate_with_more_votes_than_valid_ballots_is_refused(province: TinyProvince) -> None:
    world = _closed(province)
    counts = {c.pk: (3, 3, 2) for c in world.candidates}  # 8 > 9 - 1 - 1 = 7
    first = world.candidates[0]
    with pytest.raises(DomainError, match=f"候选人{first.user.real_name}的赞成") as refused:
        _save(world, world.chief, PaperCount(9, 1, 1, counts))
    assert refused.value.field == f"count_{first.pk}"


def test_more_yes_than_seats_on_the_valid_ballots_is_refused(province: TinyProvince) -> None:
    world = _closed(province)
    counts = {c.pk: (7, 0, 0) for c in world.candidates}  # 21 > 7 valid × 2 seats
    with pytest.raises(DomainError, match="多于应选名额的选票应计为无效票") as refused:
        _save(world, world.chief, PaperCount(9, 1, 1, counts))
    assert refused.value.field == "counts"


def test_a_write_in_on_the_ballot_or_outside_the_school_is_refused(province: TinyProvince) -> None:
    world = _closed(province)
    with pytest.raises(DomainError, match="已是本轮候选人"):
        _save(world, world.chief, PaperCount(9, 0, 0, {}, [(world.candidate_users[0], 2)]))
    with pytest.raises(DomainError, match="不是本校学生"):
        _save(world, world.chief, PaperCount(9, 0, 0, {}, [(province.people["student_b"], 2)]))


def test_only_scrutineers_enter_counts(province: TinyProvince) -> None:
    world = _closed(province)
    for who in (world.voters[0], world.advisor, world.outsider):
        with pytest.raises(NotAllowed):
            _save(world, who, _entry(world, [7, 6, 2]))


def test_counts_are_entered_only_in_a_closed_paper_round(province: TinyProvince) -> None:
    world = ElectionWorld(province, mode=ElectionMode.PAPER)
    world.open_voting()
    with pytest.raises(DomainError, match="投票结束"):
        _save(world, world.chief, _entry(world, [7, 6, 2]))
    Round.objects.filter(pk=world.round.pk).update(
        state=RoundState.CLOSED, mode=ElectionMode.ELECTRONIC
    )
    with pytest.raises(DomainError, match="本轮为电子投票"):
        _save(world, world.chief, _entry(world, [7, 6, 2]))


def test_ballots_issued_at_most_one_per_delegate_present(province: TinyProvince) -> None:
    world = ElectionWorld(province, mode=ElectionMode.PAPER)
    round_ = world.open_voting(present=world.delegates[:7])
    with pytest.raises(DomainError, match="发出选票数（8）不能多于实到代表（7 人）") as refused:
        round_ballots_issued(
            actor=world.advisor, round_=round_, issued=8, expected_version=round_.version
        )
    assert refused.value.field == "ballots_issued"
    round_ = round_ballots_issued(
        actor=world.chief, round_=round_, issued=7, expected_version=round_.version
    )
    assert world.fresh_round().ballots_issued == 7
    with pytest.raises(NotAllowed):
        round_ballots_issued(
            actor=world.teller, round_=round_, issued=6, expected_version=round_.version
        )
    assert AuditEvent.objects.filter(action="congress.round.ballots_issued").count() == 1


def test_write_ins_are_refused_when_the_election_allows_none(province: TinyProvince) -> None:
    world = _closed(province)
    world.election.write_ins_allowed = False
    world.election.save(update_fields=["write_ins_allowed"])
    other = add_students(province, 1, 1, 3288000)[0]
    with pytest.raises(DomainError, match="不允许另选他人") as refused:
        _save(world, world.chief, PaperCount(9, 0, 0, {}, [(other, 2)]))
    assert refused.value.field == "write_ins"
