"""Casting electronic ballots and closing a round (services/election_ballot.py): one vote
per checked-in delegate, more 赞成 than seats refused before anything is written, write-ins
counted as 赞成 and elected through decide_round, blank ballots apart, closing seals and
counts (a tie opens a run-off), paper rounds only closed."""

import pytest
from django.db.models import F

from tongxin.accounts.models import Membership, Role, User
from tongxin.audit.models import AuditEvent
from tongxin.congress.election_models import (
    ElectionMode,
    ElectionState,
    Outcome,
    Round,
    RoundKind,
    RoundState,
    RoundTally,
    RoundWriteIn,
    VoterRegister,
)
from tongxin.congress.election_steps import step_for
from tongxin.congress.services.election_ballot import ballot_cast, round_close
from tongxin.core.errors import DomainError, NotAllowed

from .election_world import ElectionWorld

pytestmark = pytest.mark.django_db


def _ids(world: ElectionWorld) -> list[int]:
    return [c.pk for c in world.candidates]


def _vote(world: ElectionWorld, user, *choices: str, write_ins=()):  # type: ignore[no-untyped-def]
    return ballot_cast(
        actor=user,
        round_=world.fresh_round(),
        choices=dict(zip(_ids(world), choices, strict=False)),
        write_ins=list(write_ins),
    )


def _tally(world: ElectionWorld) -> dict[int, tuple[int, int, int]]:
    return {
        t.candidate_id: (t.yes, t.no, t.abstain)
        for t in RoundTally.objects.filter(round_id=world.round.pk)
    }


def test_a_ballot_adds_to_the_tallies_and_the_register_only(province):
    w = ElectionWorld(province)
    w.open_voting()
    version = w.fresh_round().version
    a, b, c = _ids(w)
    _vote(w, w.voters[0], "yes", "no")
    _vote(w, w.voters[1], "no", "yes", "abstain")
    assert _tally(w) == {a: (1, 1, 0), b: (1, 1, 0), c: (0, 0, 2)}
    r = w.fresh_round()
    assert (r.ballots_cast, r.blank_ballots, r.version) == (2, 0, version)
    assert VoterRegister.objects.filter(round=r).count() == 2
    assert not AuditEvent.objects.filter(action__startswith="congress.round.vot").exists()


def test_a_delegate_votes_once(province):
    w = ElectionWorld(province)
    w.open_voting()
    _vote(w, w.voters[0], "yes")
    with pytest.raises(DomainError, match="你已投过票"):
        _vote(w, w.voters[0], "no")
    assert w.fresh_round().ballots_cast == 1
    assert _tally(w)[w.candidates[0].pk] == (1, 0, 0)


def test_more_yes_than_seats_is_refused_before_anything_is_written(province):
    w = ElectionWorld(province)  # 2 seats
    w.open_voting()
    with pytest.raises(DomainError, match="多于本轮应选名额 2 名") as exc:
        _vote(w, w.voters[0], "yes", "yes", "yes")
    assert exc.value.field == "choices"
    with pytest.raises(DomainError, match="赞成票（含另选他人）共 3 票"):
        _vote(w, w.voters[0], "yes", "yes", write_ins=[w.outsider.number])
    assert VoterRegister.objects.count() == 0
    assert w.fresh_round().ballots_cast == 0
    assert set(_tally(w).values()) == {(0, 0, 0)}
    _vote(w, w.voters[0], "yes", "yes")  # the same delegate may still vote
    assert w.fresh_round().ballots_cast == 1


def test_not_checked_in_refused(province):
    w = ElectionWorld(province)
    w.open_voting(present=w.delegates[:7])
    late = w.delegates[8]
    with pytest.raises(NotAllowed):
        _vote(w, late, "yes")
    with pytest.raises(NotAllowed):
        _vote(w, w.outsider, "yes")
    assert w.fresh_round().ballots_cast == 0


def test_voting_only_while_the_round_votes(province):
    w = ElectionWorld(province)
    w.check_in(w.delegates)
    with pytest.raises(DomainError, match="投票中"):
        _vote(w, w.voters[0], "yes")


@pytest.mark.parametrize(
    ("choices", "message"),
    [({"x": "yes"}, "选票上没有这位候选人"), ({"1": "maybe"}, "赞成、不赞成或弃权")],
)
def test_bad_choices_are_named(province, choices, message):
    w = ElectionWorld(province)
    w.open_voting()
    with pytest.raises(DomainError, match=message):
        ballot_cast(actor=w.voters[0], round_=w.fresh_round(), choices=choices)
    with pytest.raises(DomainError, match="选票上没有这位候选人"):
        ballot_cast(actor=w.voters[0], round_=w.fresh_round(), choices={999999: "yes"})


def test_write_ins_are_students_of_the_school_not_on_the_ballot(province):
    w = ElectionWorld(province)
    w.open_voting()
    with pytest.raises(DomainError, match="本校没有学号为 nobody") as exc:
        _vote(w, w.voters[0], write_ins=["nobody"])
    assert exc.value.field == "write_ins"
    school_b = province.people["student_b"].school
    other = User.objects.create_user(
        User.school_username(school_b.code, "3209999"), None, school=school_b, number="3209999"
    )
    Membership.objects.create(user=other, node=school_b, school=school_b, role=Role.STUDENT)
    with pytest.raises(DomainError, match="本校没有学号为 3209999"):  # of another school
        _vote(w, w.voters[0], write_ins=["3209999"])
    with pytest.raises(DomainError, match="已是本轮候选人"):
        _vote(w, w.voters[0], write_ins=[w.candidate_users[0].number])
    with pytest.raises(DomainError, match="填写了两次"):
        _vote(w, w.voters[0], write_ins=[w.outsider.number, w.outsider.number])
    w.election.write_ins_allowed = False
    w.election.save()
    with pytest.raises(DomainError, match="不允许另选他人"):
        _vote(w, w.voters[0], write_ins=[w.outsider.number])
    assert VoterRegister.objects.count() == 0


def test_blank_ballots_are_counted_apart(province):
    w = ElectionWorld(province)
    w.open_voting()
    _vote(w, w.voters[0])
    _vote(w, w.voters[1], "abstain", "abstain", "abstain")
    _vote(w, w.voters[2], "no")
    _vote(w, w.voters[3], write_ins=[w.outsider.number])
    r = w.fresh_round()
    assert (r.ballots_cast, r.blank_ballots) == (4, 2)


def test_a_write_in_counts_and_is_elected_through_the_count(province):
    w = ElectionWorld(province, seats=1)
    w.open_voting()
    for voter in w.delegates[:5]:  # 5 of 9 present: more than half
        _vote(w, voter, "no", write_ins=[w.outsider.number])
    for voter in w.delegates[5:]:
        _vote(w, voter, "yes")
    written = RoundWriteIn.objects.get(round=w.round)
    assert (written.user_id, written.yes) == (w.outsider.pk, 5)
    r = round_close(actor=w.advisor, round_=w.fresh_round(), expected_version=None)
    assert r.state == RoundState.COUNTED
    assert RoundWriteIn.objects.get(round=w.round).outcome == Outcome.ELECTED
    elected = w.election.candidates.get(outcome=Outcome.ELECTED)
    assert (elected.user_id, elected.is_write_in) == (w.outsider.pk, True)
    w.election.refresh_from_db()
    assert w.election.state == ElectionState.DONE


def test_closing_counts_by_those_present(province):
    w = ElectionWorld(province)  # 2 seats, 9 present
    w.open_voting()
    for i, voter in enumerate(w.delegates):
        _vote(w, voter, "yes", "yes" if i < 4 else "no", "no" if i < 5 else "yes")
    # a: 9 yes; b: 4 (not over half of 9); c: 4
    before = w.fresh_round().version
    r = step_for("close")(actor=w.chief, round_=w.fresh_round(), expected_version=before)
    assert r.state == RoundState.COUNTED
    outcomes = {t.candidate_id: t.outcome for t in RoundTally.objects.filter(round_id=w.round.pk)}
    a, b, c = _ids(w)
    assert outcomes == {a: Outcome.ELECTED, b: Outcome.NOT_ELECTED, c: Outcome.NOT_ELECTED}
    assert set(_tally(w).values()) == {(9, 0, 0), (4, 5, 0), (4, 5, 0)}
    further = Round.objects.get(election=w.election, number=2)
    assert (further.kind, further.seats, further.state) == (RoundKind.FURTHER, 1, RoundState.DRAFT)
    closed = AuditEvent.objects.get(action="congress.round.closed")
    assert closed.data["ballots_cast"] == 9
    assert closed.data["present_count"] == 9
    assert AuditEvent.objects.filter(action="congress.round.counted").count() == 1


def test_closing_opens_a_run_off_on_a_tie(province):
    w = ElectionWorld(province, seats=1)
    w.open_voting(present=w.delegates[:8])
    a, b, _ = _ids(w)
    # 8 present: a and b 5 yes each (over half), c none — a tie for the one seat.
    for i, voter in enumerate(w.delegates[:8]):
        if i < 5:
            _vote(w, voter, "yes", "no", "no")
        else:
            _vote(w, voter, "no", "yes", "no")
    # b has 3; two more as if two more had voted so (set-up, not a ballot).
    RoundTally.objects.filter(round_id=w.round.pk, candidate_id=b).update(yes=F("yes") + 2)
    assert {_tally(w)[a][0], _tally(w)[b][0]} == {5}
    round_close(actor=w.advisor, round_=w.fresh_round())
    runoff = Round.objects.get(election=w.election, number=2)
    assert (runoff.kind, runoff.seats) == (RoundKind.RUNOFF, 1)
    on_ballot = RoundTally.objects.filter(round=runoff).values_list("candidate_id", flat=True)
    assert sorted(on_ballot) == [a, b]


def test_only_the_conductors_close(province):
    w = ElectionWorld(province)
    w.open_voting()
    for user in (w.teller, w.voters[0], w.outsider):
        with pytest.raises(NotAllowed):
            round_close(actor=user, round_=w.fresh_round())
    w.check_in([], round_=w.round)
    with pytest.raises(DomainError, match="已被他人修改"):
        round_close(actor=w.advisor, round_=w.fresh_round(), expected_version=99)


def test_a_paper_round_is_closed_for_the_tellers(province):
    w = ElectionWorld(province, mode=ElectionMode.PAPER)
    w.open_voting()
    with pytest.raises(DomainError, match="纸质选票"):
        _vote(w, w.voters[0], "yes")
    r = round_close(actor=w.chief, round_=w.fresh_round())
    assert r.state == RoundState.CLOSED
    assert w.fresh_round().closed_at is not None
    assert not AuditEvent.objects.filter(action="congress.round.counted").exists()
