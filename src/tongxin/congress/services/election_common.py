"""What every election step shares (each part's services build on it): load an election
or a round under its transition table, the audit event, and the count that decides a
round and opens the next one (a run-off for a tie, a further round for unfilled seats) or
finishes the election.

    ELECTION.begin / ROUND.begin (permission, row lock + version, state) ──► change
        ──► save_step ──► record_election (audit) ──► (a closed round) decide_round
"""

import datetime
import secrets
from typing import Any

from django.utils import timezone

from tongxin.accounts.models import User
from tongxin.audit import services as audit
from tongxin.workflow.steps import save_step

from ..election_count import count
from ..election_machine import ELECTION, ROUND
from ..election_models import (
    Election,
    ElectionCandidate,
    ElectionState,
    Outcome,
    Round,
    RoundKind,
    RoundState,
    RoundTally,
    RoundWriteIn,
)
from ..models import CongressRule, Session

ELECTION_RELATED = ("session", "school", "union")
ROUND_RELATED = ("election", "school")


def load_election(actor: User, election: Election, name: str, version: int | None) -> Election:
    """Permission (NotAllowed), lock with the version check (StaleObject), state
    (DomainError naming it). Returns the locked, fresh election."""
    return ELECTION.begin(
        actor=actor, obj=election, name=name, expected_version=version, related=ELECTION_RELATED
    )


def load_round(actor: User, round_: Round, name: str, version: int | None) -> Round:
    return ROUND.begin(
        actor=actor, obj=round_, name=name, expected_version=version, related=ROUND_RELATED
    )


def record_election(
    actor: User | None, target: Election | Round, *, kind: str, data: dict[str, Any] | None = None
) -> None:
    """The audit event `congress.election.<kind>` or `congress.round.<kind>` (kind: the
    table's `done` verb), in the caller's transaction. Never a ballot's content: counts are
    audited in aggregate when a round is counted."""
    if isinstance(target, Round):
        action = f"congress.round.{kind}"
        base = {"election": target.election_id, "round": target.number, "round_state": target.state}
    else:
        action = f"congress.election.{kind}"
        base = {"election": target.pk, "election_state": target.state}
    audit.record(
        actor=actor,
        action=action,
        target=target,
        school=target.school,
        data={**base, **(data or {})},
    )


def rule_for(session: Session) -> CongressRule:
    """The province's congress rule of the session's union level (defaults when unset)."""
    return CongressRule.objects.filter(level=session.line.level).first() or CongressRule(
        level=session.line.level
    )


def new_round(
    election: Election, *, kind: str, seats: int, candidates: list[ElectionCandidate]
) -> Round:
    """A round in draft with a tally row per candidate on its ballot."""
    number = (election.rounds.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    round_ = Round.objects.create(
        election=election,
        school_id=election.school_id,
        number=number,
        kind=kind,
        mode=election.mode,
        seats=seats,
        checkin_secret=secrets.token_hex(32),
    )
    RoundTally.objects.bulk_create(
        RoundTally(round=round_, school_id=election.school_id, candidate=c) for c in candidates
    )
    record_election(
        None, round_, kind="created", data={"election_seats": seats, "round_kind": kind}
    )
    return round_


def _elected_so_far(election: Election) -> int:
    return election.candidates.filter(outcome=Outcome.ELECTED).count()


def _candidate_for_write_in(election: Election, user_id: int) -> ElectionCandidate:
    found, _ = ElectionCandidate.objects.get_or_create(
        election=election,
        user_id=user_id,
        defaults={"school_id": election.school_id, "is_write_in": True, "order": 999},
    )
    return found


def decide_round(round_: Round, *, now: datetime.datetime | None = None) -> Round | None:
    """Count a round whose tallies are final (sealed electronic ballots, or two tellers'
    agreed entries): outcomes on its tallies and on the election's candidates, the round
    COUNTED, then the next round (run-off or further) in draft, or the election finished.
    Returns the next round, if any. Runs inside the closing service's transaction with the
    round and its election locked."""
    now = now or timezone.now()
    election = (
        Election.objects.select_for_update()
        .select_related("session__line")
        .get(pk=round_.election_id)
    )
    tallies = list(round_.tallies.select_related("candidate"))
    write_ins = list(round_.write_ins.all())
    votes: list[tuple[Any, int]] = [(("t", t.pk), t.yes) for t in tallies]
    votes += [(("w", w.pk), w.yes) for w in write_ins]
    result = count(round_.seats, round_.present_count or 0, votes)
    outcome_of = {key: Outcome.ELECTED for key in result.elected}
    outcome_of.update({key: Outcome.TIED for key in result.tied})
    for t in tallies:
        t.outcome = outcome_of.get(("t", t.pk), Outcome.NOT_ELECTED)
    for w in write_ins:
        w.outcome = outcome_of.get(("w", w.pk), Outcome.NOT_ELECTED)
    RoundTally.objects.bulk_update(tallies, ["outcome"])
    RoundWriteIn.objects.bulk_update(write_ins, ["outcome"])

    elected_ids = [t.candidate_id for t in tallies if t.outcome == Outcome.ELECTED]
    elected_ids += [
        _candidate_for_write_in(election, w.user_id).pk
        for w in write_ins
        if w.outcome == Outcome.ELECTED
    ]
    ElectionCandidate.objects.filter(pk__in=elected_ids).update(outcome=Outcome.ELECTED)

    round_.state = RoundState.COUNTED
    round_.counted_at = now
    save_step(round_, "state", "counted_at")
    record_election(
        None,
        round_,
        kind="counted",
        data={
            "present_count": round_.present_count,
            "ballots_cast": round_.ballots_cast,
            "blank_ballots": round_.blank_ballots,
            "void_ballots": round_.void_ballots,
            "tallies": {str(t.candidate.user_id): [t.yes, t.no, t.abstain] for t in tallies},
            "write_ins": {str(w.user_id): w.yes for w in write_ins},
            "elected": elected_ids,
        },
    )
    tied = [t.candidate for t in tallies if t.outcome == Outcome.TIED]
    tied += [
        _candidate_for_write_in(election, w.user_id) for w in write_ins if w.outcome == Outcome.TIED
    ]
    return _next_round_or_finish(election, round_, tied, result.runoff_seats, now)


def _next_round_or_finish(
    election: Election,
    round_: Round,
    tied: list[ElectionCandidate],
    runoff_seats: int,
    now: datetime.datetime,
) -> Round | None:
    seats_left = election.seats - _elected_so_far(election)
    # Counted rounds use up the setting; a cancelled or void round is run again instead.
    counted = election.rounds.filter(state=RoundState.COUNTED).count()
    rounds_left = rule_for(election.session).election_max_rounds - counted
    if seats_left > 0 and rounds_left > 0:
        if tied:
            return new_round(election, kind=RoundKind.RUNOFF, seats=runoff_seats, candidates=tied)
        still = list(election.candidates.filter(is_write_in=False).exclude(outcome=Outcome.ELECTED))
        if still:
            return new_round(election, kind=RoundKind.FURTHER, seats=seats_left, candidates=still)
    election.candidates.exclude(outcome=Outcome.ELECTED).update(outcome=Outcome.NOT_ELECTED)
    election.state = ElectionState.DONE
    election.finished_at = now
    save_step(election, "state", "finished_at")
    record_election(None, election, kind="finished", data={"seats_left": seats_left})
    return None
