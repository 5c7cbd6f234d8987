"""Elections: setup and results (选举的筹备与结果), one service per step of
election_machine.ELECTION the advisor takes, and the round's cancellation.

    (new) ── election_create (session approved / confirmed / held) ──► draft
    draft ── election_set_up (seats, mode, write-ins; candidates "for election" on the
             selection path, each eligible; scrutineers and the chief from the delegates
             who are not candidates) ──► draft
    draft ── election_start (competitive; a chief named) ──► running + round 1 (draft)
    done ── election_publish ──► published: the session's election results, a notice to
             the delegates and candidates, the candidacies elected / not elected (a
             write-in winner gets a candidacy in elected) — then notice → appointment
    draft | running ── election_cancel ──► cancelled (its rounds not yet voting cancelled)
    round draft | check-in ── round_cancel ──► cancelled, and a new round of the same kind,
             seats and candidates in draft (the hall meets again)
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import Position, User
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.selection import services as selection
from tongxin.selection.models import Candidacy
from tongxin.selection.models import State as CandidacyState
from tongxin.staff.eligibility import eligibility_of
from tongxin.workflow.steps import lock, page_of, require_text, save_step, tell

from ..election_count import competitive_enough
from ..election_models import (
    Election,
    ElectionCandidate,
    ElectionMode,
    ElectionState,
    Outcome,
    Round,
    RoundKind,
    RoundState,
    RoundTally,
    Scrutineer,
)
from ..models import Delegate, DelegateListState, Session, SessionState
from .election_common import load_election, load_round, new_round, record_election, rule_for

# A session whose election may be created: approved, confirmed (回执) or held.
ELECTION_SESSION_STATES = (SessionState.APPROVED, SessionState.CONFIRMED, SessionState.HELD)
MAX_SEATS = 15
LIVE_ELECTION_STATES = (ElectionState.DRAFT, ElectionState.RUNNING, ElectionState.DONE)


@dataclass(frozen=True)
class Setup:
    """What the advisor sets up (the page's form and the API's body)."""

    seats: int
    mode: str
    write_ins_allowed: bool
    candidacies: Sequence[int]  # Candidacy ids, in ballot order
    scrutineers: Sequence[int]  # User ids of delegates
    chief: int | None  # one of the scrutineers


def _check_terms(seats: int, mode: str) -> None:
    if not 1 <= seats <= MAX_SEATS:
        raise DomainError(_("应选名额须在 1 到 %(n)d 之间。") % {"n": MAX_SEATS}, field="seats")
    if mode not in ElectionMode.values:
        raise DomainError(_("请选择投票方式。"), field="mode")


@transaction.atomic
def election_create(
    *,
    actor: User,
    session: Session,
    seats: int,
    mode: str,
    write_ins_allowed: bool,
    now: datetime.datetime | None = None,
) -> Election:
    """创建选举 of the presidium of a session approved, confirmed or held."""
    authorize(actor, "congress.create_election", session)
    now = now or timezone.now()
    session = lock(session, None)
    if session.state not in ELECTION_SESSION_STATES:
        raise DomainError(
            _("只有已批复、已回执或已召开的会议可以创建选举（当前：%(s)s）。")
            % {"s": session.get_state_display()},
            field="state",
        )
    _check_terms(seats, mode)
    if session.elections.filter(state__in=LIVE_ELECTION_STATES).exists():
        raise DomainError(_("本次会议已有未结束的选举。"), field="state")
    election = Election.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        seats=seats,
        mode=mode,
        write_ins_allowed=write_ins_allowed,
        created_by=actor,
        created_at=now,
    )
    record_election(
        actor,
        election,
        kind="created",
        data={"election_seats": seats, "mode": mode, "write_ins_allowed": write_ins_allowed},
    )
    return election


def eligibility_text(user: User) -> str:
    """'' when the person meets the staff rules now, else the reasons (without figures)."""
    return "；".join(c.public_text for c in eligibility_of(user).failed)


def candidacy_verdict(candidacy: Candidacy) -> str:
    return eligibility_text(candidacy.candidate)


def _candidacies(election: Election, ids: Sequence[int]) -> list[Candidacy]:
    if len(set(ids)) != len(ids):
        raise DomainError(_("候选人重复。"), field="candidates")
    found = Candidacy.objects.select_related("candidate").in_bulk([c for c in ids], field_name="pk")
    rows = [found.get(i) for i in ids]
    for c in rows:
        if c is None or c.union_id != election.union_id or c.state != CandidacyState.FOR_ELECTION:
            raise DomainError(
                _("候选人须是本会经校党委决定、提交代表大会选举的候选人。"), field="candidates"
            )
        reasons = candidacy_verdict(c)
        if reasons:
            raise DomainError(
                _("%(n)s不符合任职资格：%(r)s。") % {"n": c.candidate.real_name, "r": reasons},
                field="candidates",
            )
    return [c for c in rows if c is not None]


def _scrutineers(election: Election, setup: Setup, candidates: list[Candidacy]) -> list[int]:
    ids = list(dict.fromkeys(setup.scrutineers))
    delegates = set(
        Delegate.objects.filter(
            delegate_list__session_id=election.session_id,
            delegate_list__state=DelegateListState.CONFIRMED,
            user_id__in=ids,
        ).values_list("user_id", flat=True)
    )
    if set(ids) - delegates:
        raise DomainError(_("监票人须是本次会议的正式代表。"), field="scrutineers")
    if set(ids) & {c.candidate_id for c in candidates}:
        raise DomainError(_("候选人不能担任监票人。"), field="scrutineers")
    if setup.chief is not None and setup.chief not in ids:
        raise DomainError(_("总监票人须从监票人中指定。"), field="chief")
    return ids


@transaction.atomic
def election_set_up(
    *, actor: User, election: Election, expected_version: int, setup: Setup
) -> Election:
    """设置候选人与监票人 (again to change them, while the election is in draft)."""
    election = load_election(actor, election, "set-up", expected_version)
    _check_terms(setup.seats, setup.mode)
    candidates = _candidacies(election, setup.candidacies)
    scrutineers = _scrutineers(election, setup, candidates)
    election.seats, election.mode = setup.seats, setup.mode
    election.write_ins_allowed = setup.write_ins_allowed
    election.candidates.all().delete()
    ElectionCandidate.objects.bulk_create(
        ElectionCandidate(
            election=election,
            school_id=election.school_id,
            user_id=c.candidate_id,
            candidacy=c,
            order=i,
        )
        for i, c in enumerate(candidates)
    )
    election.scrutineers.all().delete()
    Scrutineer.objects.bulk_create(
        Scrutineer(
            election=election, school_id=election.school_id, user_id=u, is_chief=u == setup.chief
        )
        for u in scrutineers
    )
    save_step(election, "seats", "mode", "write_ins_allowed")
    record_election(
        actor,
        election,
        kind="set_up",
        data={
            "election_seats": setup.seats,
            "mode": setup.mode,
            "write_ins_allowed": setup.write_ins_allowed,
            "setup_candidates": [c.candidate_id for c in candidates],
            "setup_scrutineers": scrutineers,
            "setup_chief": setup.chief,
        },
    )
    return election


def candidates_needed(seats: int, percent: int) -> int:
    """The fewest candidates a competitive election of `seats` needs."""
    n = seats + 1
    while not competitive_enough(n, seats, percent):
        n += 1
    return n


@transaction.atomic
def election_start(*, actor: User, election: Election, expected_version: int) -> Election:
    """开始选举: competitive (candidates ≥ seats × the rule's percent), a chief scrutineer
    named, every candidate still eligible → running, round 1 in draft."""
    election = load_election(actor, election, "start", expected_version)
    candidates = list(election.candidates.select_related("candidacy__candidate"))
    percent = rule_for(election.session).election_candidate_percent
    needed = candidates_needed(election.seats, percent)
    if len(candidates) < needed:
        raise DomainError(
            _("差额选举：应选 %(s)d 名须至少 %(n)d 名候选人，还差 %(m)d 名。")
            % {"s": election.seats, "n": needed, "m": needed - len(candidates)},
            field="candidates",
        )
    if not election.scrutineers.filter(is_chief=True).exists():
        raise DomainError(_("请先指定总监票人。"), field="chief")
    for c in candidates:
        if c.candidacy is not None:
            _candidacies(election, [c.candidacy.pk])  # still for election, still eligible
    election.state = ElectionState.RUNNING
    save_step(election, "state")
    record_election(actor, election, kind="started", data={"election_seats": election.seats})
    new_round(election, kind=RoundKind.FIRST, seats=election.seats, candidates=candidates)
    return election


@transaction.atomic
def election_cancel(
    *, actor: User, election: Election, expected_version: int, reason: str
) -> Election:
    """取消选举 (with a reason) before any round has voted into a count."""
    election = load_election(actor, election, "cancel", expected_version)
    text = require_text(reason, "reason", _("取消理由"), max_length=200)
    if election.rounds.filter(state__in=[RoundState.VOTING, RoundState.CLOSED]).exists():
        raise DomainError(_("有一轮投票正在进行或待计票，不能取消选举。"), field="state")
    election.rounds.filter(state__in=[RoundState.DRAFT, RoundState.CHECKIN]).update(
        state=RoundState.CANCELLED
    )
    election.state = ElectionState.CANCELLED
    save_step(election, "state")
    record_election(actor, election, kind="cancelled", data={"cancel_reason": text})
    return election


@transaction.atomic
def round_cancel(*, actor: User, round_: Round, expected_version: int) -> Round:
    """取消本轮 (draft or check-in: nobody has voted): the round cancelled, and a new one of
    the same kind, seats and candidates in draft, for the hall to meet again."""
    round_ = load_round(actor, round_, "cancel", expected_version)
    election = Election.objects.select_for_update().get(pk=round_.election_id)
    if election.state != ElectionState.RUNNING:
        raise DomainError(_("选举不在进行中。"), field="state")
    round_.state = RoundState.CANCELLED
    save_step(round_, "state")
    record_election(actor, round_, kind="cancelled")
    ids = RoundTally.objects.filter(round=round_).values_list("candidate_id", flat=True)
    candidates = list(ElectionCandidate.objects.filter(pk__in=list(ids)))
    new_round(election, kind=round_.kind, seats=round_.seats, candidates=candidates)
    return round_


# ---------------------------------------------------------------- results


def results_text(election: Election) -> str:
    """The session's published results: each counted round's figures, then the elected."""
    lines = [_("%(t)s选举（应选 %(n)d 名）") % {"t": election.title, "n": election.seats}]
    for r in election.rounds.filter(state=RoundState.COUNTED).order_by("number"):
        lines.append(
            _(
                "第 %(k)d 轮（%(kind)s）：应到 %(d)s 人，实到 %(p)s 人，"
                "收回选票 %(c)d 张，空白票 %(b)d 张，无效票 %(v)d 张。"
            )
            % {
                "k": r.number,
                "kind": r.get_kind_display(),
                "d": r.due_count if r.due_count is not None else "—",
                "p": r.present_count if r.present_count is not None else "—",
                "c": r.ballots_cast,
                "b": r.blank_ballots,
                "v": r.void_ballots,
            }
        )
        for t in r.tallies.select_related("candidate__user").order_by("candidate__order"):
            lines.append(
                _("　%(n)s：赞成 %(y)d，不赞成 %(no)d，弃权 %(a)d（%(o)s）")
                % {
                    "n": t.candidate.user.real_name,
                    "y": t.yes,
                    "no": t.no,
                    "a": t.abstain,
                    "o": t.get_outcome_display(),
                }
            )
        for w in r.write_ins.select_related("user").order_by("-yes"):
            lines.append(
                _("　另选他人 %(n)s：%(y)d 票（%(o)s）")
                % {"n": w.user.real_name, "y": w.yes, "o": w.get_outcome_display()}
            )
    elected = [
        c.user.real_name
        for c in election.candidates.filter(outcome=Outcome.ELECTED).select_related("user")
    ]
    lines.append(_("当选：%(n)s。") % {"n": "、".join(elected) or _("无")})
    return "\n".join(lines)


def _candidacies_follow(actor: User, election: Election, now: datetime.datetime) -> list[int]:
    """The candidacies move on: elected / not elected; a write-in winner gets one."""
    moved = []
    for c in election.candidates.select_related("user", "candidacy"):
        elected = c.outcome == Outcome.ELECTED
        if c.candidacy is not None:
            if c.candidacy.state == CandidacyState.FOR_ELECTION:
                selection.candidacy_election_result(
                    actor=actor, candidacy=c.candidacy, elected=elected, now=now
                )
                moved.append(c.candidacy.pk)
        elif elected:
            made = selection.candidacy_elected_by_write_in(
                actor=actor,
                user=c.user,
                union=election.union,
                position=Position.VICE_PRESIDENT,
                now=now,
            )
            ElectionCandidate.objects.filter(pk=c.pk).update(candidacy=made)
            moved.append(made.pk)
    return moved


@transaction.atomic
def election_publish(
    *, actor: User, election: Election, expected_version: int, now: datetime.datetime | None = None
) -> Election:
    """公布结果: on the session page (its election results), to the delegates and the
    candidates, and on the selection path (elected → notice → appointment)."""
    election = load_election(actor, election, "publish", expected_version)
    now = now or timezone.now()
    text = results_text(election)
    session = lock(election.session, None)
    session.election_results = "\n\n".join(p for p in (session.election_results.strip(), text) if p)
    save_step(session, "election_results")
    election.state, election.published_at = ElectionState.PUBLISHED, now
    save_step(election, "state", "published_at")
    moved = _candidacies_follow(actor, election, now)
    record_election(actor, election, kind="published", data={"published_candidacies": moved})
    _tell_published(election, actor)
    return election


def _tell_published(election: Election, actor: User) -> None:
    delegates = User.objects.filter(
        pk__in=Delegate.objects.filter(
            delegate_list__session_id=election.session_id,
            delegate_list__state=DelegateListState.CONFIRMED,
        ).values("user_id")
    )
    candidates = User.objects.filter(pk__in=election.candidates.values("user_id"))
    tell(
        {*delegates, *candidates},
        verb="congress.election.published",
        title=_("%(u)s%(t)s选举结果已公布") % {"u": election.union.name, "t": election.title},
        url=page_of("congress:election", election),
        school=election.school,
        skip=actor,
    )
