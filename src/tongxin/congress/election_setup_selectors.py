"""Reads of elections' setup and results: one gate per object (404 for missing and out of
reach alike), what the setup form offers, and what the election and round pages show.
No individual ballot exists to show: a round's result is its tallies."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from tongxin.accounts.models import User
from tongxin.core.authz import can
from tongxin.selection.models import Candidacy
from tongxin.selection.models import State as CandidacyState

from .election_count import quorum_met
from .election_machine import ELECTION, ROUND
from .election_models import (
    Election,
    ElectionCandidate,
    ElectionState,
    Round,
    RoundState,
    RoundTally,
    RoundWriteIn,
    Scrutineer,
)
from .election_steps import ROUND_STEPS
from .models import Delegate, DelegateListState, Session
from .services.election_common import rule_for
from .services.election_setup import candidacy_verdict, candidates_needed, eligibility_text


def election_get_for(*, actor: Any, pk: int) -> Election:
    """The election, if the actor may read it (Election.DoesNotExist otherwise)."""
    election = Election.objects.select_related("session__line", "union", "school").get(pk=pk)
    if not can(actor, "congress.view_election", election):
        raise Election.DoesNotExist
    return election


def round_get_for(*, actor: Any, pk: int) -> Round:
    round_ = Round.objects.select_related(
        "election__session__line", "election__union", "school"
    ).get(pk=pk)
    if not can(actor, "congress.view_election", round_.election):
        raise Round.DoesNotExist
    return round_


def session_for_election(*, actor: Any, pk: int) -> Session:
    """A session the actor may create an election in (Session.DoesNotExist otherwise)."""
    session = Session.objects.select_related("line", "union", "school").get(pk=pk)
    if not can(actor, "congress.create_election", session):
        raise Session.DoesNotExist
    return session


def elections_of(session: Session) -> QuerySet[Election]:
    return session.elections.exclude(state=ElectionState.CANCELLED).order_by("created_at", "pk")


def session_elections(session: Session, viewer: Any) -> dict[str, Any]:
    """The session page's elections block: those the viewer reads, and whether they may
    create one."""
    shown = [e for e in elections_of(session) if can(viewer, "congress.view_election", e)]
    published = [e for e in shown if e.state == ElectionState.PUBLISHED]
    return {
        "elections": shown,
        "elections_published": [{"e": e, "result": elected_names(e)} for e in published],
        "may_create_election": can(viewer, "congress.create_election", session),
    }


def elected_names(election: Election) -> list[str]:
    return [
        c.user.real_name
        for c in election.candidates.filter(outcome="elected").select_related("user")
    ]


@dataclass(frozen=True)
class Offered:
    """A candidacy the setup form offers, with the staff rules' verdict."""

    candidacy: Candidacy
    chosen: bool
    blocked: str  # '' when eligible, else the reasons (no figures)


def candidacies_offered(election: Election) -> list[Offered]:
    chosen = set(election.candidates.values_list("candidacy_id", flat=True))
    rows = Candidacy.objects.filter(
        union_id=election.union_id, state=CandidacyState.FOR_ELECTION
    ).select_related("candidate", "college")
    return [Offered(c, c.pk in chosen, candidacy_verdict(c)) for c in rows.order_by("pk")[:100]]


def delegates_offered(election: Election) -> list[dict[str, Any]]:
    """The session's delegates who are not candidates, for scrutineers."""
    candidates = set(election.candidates.values_list("user_id", flat=True))
    scrutineers = {s.user_id: s.is_chief for s in election.scrutineers.all()}
    rows = (
        Delegate.objects.filter(
            delegate_list__session_id=election.session_id,
            delegate_list__state=DelegateListState.CONFIRMED,
        )
        .exclude(user_id__in=candidates)
        .select_related("user", "unit")
        .order_by("unit__name", "user__username")[:500]
    )
    return [
        {
            "user": d.user,
            "unit": d.unit.name,
            "chosen": d.user_id in scrutineers,
            "chief": scrutineers.get(d.user_id, False),
        }
        for d in rows
    ]


def candidates_of(election: Election) -> list[ElectionCandidate]:
    return list(election.candidates.select_related("user", "candidacy").order_by("order", "pk"))


def scrutineers_of(election: Election) -> list[Scrutineer]:
    return list(election.scrutineers.select_related("user").order_by("-is_chief", "pk"))


def rounds_of(election: Election) -> list[Round]:
    return list(election.rounds.order_by("number"))


def result_of(round_: Round) -> dict[str, Any] | None:
    """The counted table of a round (None before it is counted)."""
    if round_.state != RoundState.COUNTED:
        return None
    tallies = list(
        RoundTally.objects.filter(round=round_)
        .select_related("candidate__user")
        .order_by("candidate__order", "candidate_id")
    )
    write_ins = list(RoundWriteIn.objects.filter(round=round_).select_related("user"))
    write_ins.sort(key=lambda w: (-w.yes, w.user_id))
    return {"tallies": tallies, "write_ins": write_ins}


def election_context(election: Election, viewer: User) -> dict[str, Any]:
    rule = rule_for(election.session)
    candidates = candidates_of(election)
    draft = election.state == ElectionState.DRAFT
    may_set_up = draft and can(viewer, "congress.set_up_election", election)
    rounds = rounds_of(election)
    # The staff rules' verdict beside each candidate, for those who set the election up.
    advises = can(viewer, "congress.set_up_election", election)
    verdicts = [
        (c, eligibility_text(c.user) if advises and c.candidacy_id else None) for c in candidates
    ]
    return {
        "e": election,
        "candidates": candidates,
        "verdicts": verdicts,
        "scrutineers": scrutineers_of(election),
        "rounds": [{"r": r, "result": result_of(r)} for r in rounds],
        "steps": ELECTION.allowed(viewer, election),
        "needed": candidates_needed(election.seats, rule.election_candidate_percent),
        "percent": rule.election_candidate_percent,
        "may_set_up": may_set_up,
        "offered": candidacies_offered(election) if may_set_up else [],
        "delegates": delegates_offered(election) if may_set_up else [],
    }


def round_context(round_: Round, viewer: User) -> dict[str, Any]:
    present = round_.attendance.count() if round_.present_count is None else round_.present_count
    due = round_.due_count
    if due is None:
        due = Delegate.objects.filter(
            delegate_list__session_id=round_.election.session_id,
            delegate_list__state=DelegateListState.CONFIRMED,
        ).count()
    allowed = ROUND.allowed(viewer, round_)
    return {
        "r": round_,
        "e": round_.election,
        "due": due,
        "present": present,
        "quorum": quorum_met(present, due),
        "steps": [a for a in allowed if a in ROUND_STEPS],
        "labels": {a.name: a.label for a in ROUND.actions},
        "result": result_of(round_),
        "links": round_links(round_, viewer),
    }


def round_links(round_: Round, viewer: User) -> list[tuple[str, str]]:
    """The console's links to the hall screen, the attendance list, the ballot, the paper
    pages — those the viewer may open in the round's state."""
    s, paper = round_.state, round_.mode == "paper"
    wanted = [
        (
            "会场签到屏幕",
            "congress:round-hall",
            s == RoundState.CHECKIN and can(viewer, "congress.show_hall_code", round_),
        ),
        (
            "签到名单",
            "congress:round-attendance",
            s == RoundState.CHECKIN and can(viewer, "congress.tick_attendance", round_),
        ),
        (
            "投票",
            "congress:round-ballot",
            s == RoundState.VOTING and not paper and can(viewer, "congress.vote", round_),
        ),
        (
            "打印选票",
            "congress:round-paper-ballots",
            paper and can(viewer, "congress.conduct_round", round_),
        ),
        (
            "打印签到表",
            "congress:round-checkin-sheet",
            paper and can(viewer, "congress.conduct_round", round_),
        ),
        (
            "录入计票结果",
            "congress:round-count-entry",
            paper and s == RoundState.CLOSED and can(viewer, "congress.enter_count", round_),
        ),
    ]
    return [(label, reverse(name, args=[round_.pk])) for label, name, ok in wanted if ok]


def step_label(action: str) -> str:
    try:
        return str(ROUND.action(action).label)
    except KeyError:
        return action
