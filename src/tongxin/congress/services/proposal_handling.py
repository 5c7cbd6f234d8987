"""The offices' and the proposers' side of an accepted proposal, on the shared referral
piece (tongxin.workflow.referral.steps) and the reply clock (proposal_deadlines):

    referred | further ── reply (A/C/D) ──► replied          (clock stops; 已办理 at the first)
    referred | further ── reply (B 正在解决) ──► progressing  (clock stops)
    progressing ── progress ──► progressing ── finish (A/C/D) ──► replied
    referred | progressing | further ── add-input (a co-office) ──► (same)
    referred ── hand-back (reason) ──► accepted               (clock stops; the chair told)
    replied ── rate 满意 / 基本满意 ──► done
    replied ── rate 不满意 (first) ──► further                (a new deadline of the same kind)
    replied ── rate 不满意 (after the further reply) ──► done (final)
    replied | done ── co-rate (a confirmed co-signer or co-proposer) ──► (same)

Replies go out directly: the proposals have no setting for the office head's approval (the
referral piece's draft is the rights desk's, under its school setting), and the lead
office's head is one of its handlers anyway.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import User
from tongxin.audit import services as audit
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node
from tongxin.workflow.clocks import services as clocks
from tongxin.workflow.clocks.services import Escalation
from tongxin.workflow.referral import steps as referral
from tongxin.workflow.referral.models import Rating
from tongxin.workflow.steps import require_text, save_step

from ..proposal_deadlines import reply_duration
from ..proposal_models import (
    Committee,
    Proposal,
    ProposalClock,
    ProposalEvent,
    ProposalInput,
    ProposalRating,
    ProposalState,
    ResultClass,
)
from .proposal_common import (
    describe,
    load_proposal,
    record_proposal_step,
    tell_offices,
    tell_proposers,
    tell_users,
)

P = ProposalState
CLOCK_FIELDS = ("reply_due_at", "escalation_level")
FURTHER_REPLIES = 1  # a first 不满意 owes one further reply; after it the rating is final
FINAL_CLASSES = (ResultClass.A, ResultClass.C, ResultClass.D)


def _class(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        labels = "、".join(str(ResultClass(c).label) for c in allowed)
        raise DomainError(_("请选择办理结果（%(l)s）。") % {"l": labels}, field="result_class")
    return value


def _stop_clock(proposal: Proposal, now: datetime.datetime) -> None:
    clocks.clock_stop(proposal, model=ProposalClock, now=now)


@transaction.atomic
def proposal_reply(
    *,
    actor: User,
    proposal: Proposal,
    expected_version: int,
    result_class: str,
    text: str,
    now: datetime.datetime | None = None,
) -> Proposal:
    """答复: the lead office's reply with its class. B 正在解决 leaves the proposal in
    progress until the final result; the others wait for the proposers' rating."""
    now = now or timezone.now()
    proposal = load_proposal(actor, proposal, "reply", expected_version)
    result_class = _class(result_class, tuple(ResultClass.values))
    text = require_text(text, "text", _("答复内容"))
    referral.send_reply(proposal, text, now=now)
    proposal.result_class = result_class
    fields = ["state", "result_class", *referral.SENT_FIELDS, *CLOCK_FIELDS]
    if proposal.handled_at is None:  # 已办理: the first reply with a class, never cleared
        proposal.handled_at = now
        fields.append("handled_at")
    proposal.state = P.PROGRESSING if result_class == ResultClass.B else P.REPLIED
    _stop_clock(proposal, now)
    save_step(proposal, *fields)
    label = ResultClass(result_class).label
    record_proposal_step(
        actor,
        proposal,
        kind="replied",
        now=now,
        text=f"{label}：{text}",
        data={"result_class": result_class, "office": proposal.lead_office_id},
    )
    if result_class == ResultClass.B:
        title = _("%(p)s已答复（正在解决）") % {"p": describe(proposal)}
    else:
        title = _("%(p)s已答复，请评价") % {"p": describe(proposal)}
    tell_proposers(proposal, title, skip=actor)
    return proposal


@transaction.atomic
def proposal_progress(
    *,
    actor: User,
    proposal: Proposal,
    expected_version: int,
    text: str,
    now: datetime.datetime | None = None,
) -> Proposal:
    """报告进展: a B item's progress, on the timeline; the proposers are told."""
    now = now or timezone.now()
    proposal = load_proposal(actor, proposal, "progress", expected_version)
    text = require_text(text, "text", _("进展情况"))
    save_step(proposal)
    record_proposal_step(actor, proposal, kind="progressed", now=now, text=text)
    tell_proposers(proposal, _("%(p)s有新的办理进展") % {"p": describe(proposal)}, skip=actor)
    return proposal


@transaction.atomic
def proposal_finish(
    *,
    actor: User,
    proposal: Proposal,
    expected_version: int,
    result_class: str,
    text: str,
    now: datetime.datetime | None = None,
) -> Proposal:
    """报告最终结果: a B item's final class (A/C/D, replacing B) and text; the proposers
    then rate it."""
    now = now or timezone.now()
    proposal = load_proposal(actor, proposal, "finish", expected_version)
    result_class = _class(result_class, FINAL_CLASSES)
    text = require_text(text, "text", _("最终结果"))
    referral.send_reply(proposal, text, now=now)
    proposal.result_class, proposal.state = result_class, P.REPLIED
    save_step(proposal, "state", "result_class", *referral.SENT_FIELDS)
    record_proposal_step(
        actor,
        proposal,
        kind="finished",
        now=now,
        text=f"{ResultClass(result_class).label}：{text}",
        data={"result_class": result_class},
    )
    tell_proposers(
        proposal, _("%(p)s已报告最终结果，请评价") % {"p": describe(proposal)}, skip=actor
    )
    return proposal


@transaction.atomic
def proposal_add_input(
    *,
    actor: User,
    proposal: Proposal,
    office: Node | None,
    text: str,
    now: datetime.datetime | None = None,
) -> ProposalInput:
    """协办意见: a co-office's opinion for the lead office, in the name of a co-office the
    actor handles. It changes nothing the other steps check (no version): the row lock
    orders it with them."""
    now = now or timezone.now()
    proposal = load_proposal(actor, proposal, "add-input", None)
    entry = referral.add_input(
        ProposalInput,
        item=proposal,
        office=office,
        author=actor,
        text=text,
        extra={"school_id": proposal.school_id},
    )
    record_proposal_step(
        actor,
        proposal,
        kind="input_added",
        now=now,
        text=f"{entry.office.name}：{entry.text}",
        data={"office": entry.office_id},
    )
    title = _("%(p)s收到协办部门意见") % {"p": describe(proposal)}
    tell_offices(proposal, [proposal.lead_office_id], title, skip=actor)
    return entry


def committee_chair(proposal: Proposal) -> list[User]:
    committee = Committee.objects.filter(session_id=proposal.session_id).select_related("chair")
    return [c.chair for c in committee]


@transaction.atomic
def proposal_hand_back(
    *,
    actor: User,
    proposal: Proposal,
    expected_version: int,
    reason: str,
    now: datetime.datetime | None = None,
) -> Proposal:
    """退回交办: the lead office says the proposal is not its own; the committee's chair
    refers it again. The reply clock stops; no office holds it meanwhile."""
    now = now or timezone.now()
    proposal = load_proposal(actor, proposal, "hand-back", expected_version)
    back = referral.hand_back(proposal, reason=reason)
    proposal.state = P.ACCEPTED
    _stop_clock(proposal, now)
    save_step(proposal, "state", *back.fields, *CLOCK_FIELDS)
    record_proposal_step(
        actor,
        proposal,
        kind="handed_back",
        now=now,
        text=back.reason,
        data={"office": back.office_id},
    )
    title = _("承办部门退回了%(p)s，请重新交办") % {"p": describe(proposal)}
    tell_users(committee_chair(proposal), proposal, title, skip=actor)
    return proposal


def _round(proposal: Proposal) -> int:
    """The reply being rated: 0 the first, 1 the further reply after a first 不满意."""
    return min(proposal.dissatisfied_count, FURTHER_REPLIES)


@transaction.atomic
def proposal_rate(
    *,
    actor: User,
    proposal: Proposal,
    expected_version: int,
    rating: str,
    reason: str = "",
    now: datetime.datetime | None = None,
) -> Proposal:
    """The lead proposer's rating decides: 满意 / 基本满意 close the proposal (办结); the
    first 不满意 (with a reason) owes one further reply with a new deadline of the same
    kind, counted from now; after the further reply any rating is final."""
    now = now or timezone.now()
    proposal = load_proposal(actor, proposal, "rate", expected_version)
    round_ = _round(proposal)
    rated = referral.rate(proposal, rating=rating, reason=reason, further_replies=FURTHER_REPLIES)
    reason = proposal.rating_reason if rating == Rating.DISSATISFIED else reason.strip()
    ProposalRating.objects.create(
        proposal=proposal,
        school_id=proposal.school_id,
        user=actor,
        is_lead=True,
        round=round_,
        rating=rating,
        reason=reason,
        created_at=now,
    )
    label = Rating(rating).label
    text = f"{label}：{reason}" if reason else str(label)
    if rated is referral.Rated.AGAIN:
        proposal.state = P.FURTHER
        kind, duration = reply_duration(proposal.deadline_kind, proposal.deadline_workdays, now)
        clocks.clock_start(proposal, kind, now=now, duration=duration)
        save_step(proposal, "state", *rated.fields, *CLOCK_FIELDS)
        record_proposal_step(
            actor,
            proposal,
            kind="rated",
            now=now,
            text=text,
            data={"rating": rating, "round": round_, "further": True},
        )
        title = _("%(p)s的领衔人不满意，请再次办理") % {"p": describe(proposal)}
        tell_offices(proposal, [proposal.lead_office_id], title, skip=actor)
        return proposal
    proposal.state, proposal.done_at = P.DONE, now
    save_step(proposal, "state", "done_at", *rated.fields)
    record_proposal_step(
        actor,
        proposal,
        kind="rated",
        now=now,
        text=text,
        data={"rating": rating, "round": round_, "further": False},
    )
    title = _("%(p)s已办结（领衔人评价：%(r)s）") % {"p": describe(proposal), "r": label}
    tell_offices(proposal, [proposal.lead_office_id], title, skip=actor)
    return proposal


@transaction.atomic
def proposal_corate(
    *,
    actor: User,
    proposal: Proposal,
    rating: str,
    reason: str = "",
    now: datetime.datetime | None = None,
) -> ProposalRating:
    """A confirmed co-signer's or co-proposer's rating of the current reply: recorded and
    shown, it decides nothing (no version: the proposal does not change)."""
    now = now or timezone.now()
    proposal = load_proposal(actor, proposal, "co-rate", None)
    if rating not in referral.RATINGS:
        raise DomainError(_("请选择满意、基本满意或不满意。"), field="rating")
    reason = reason.strip()
    if rating == Rating.DISSATISFIED:
        reason = require_text(reason, "reason", _("不满意的理由"))
    round_ = _round(proposal)
    if ProposalRating.objects.filter(proposal=proposal, user=actor, round=round_).exists():
        raise DomainError(_("您已评价过这次答复。"), field="rating")
    entry = ProposalRating.objects.create(
        proposal=proposal,
        school_id=proposal.school_id,
        user=actor,
        is_lead=False,
        round=round_,
        rating=rating,
        reason=reason,
        created_at=now,
    )
    label = Rating(rating).label
    record_proposal_step(
        actor,
        proposal,
        kind="co_rated",
        now=now,
        text=f"{label}：{reason}" if reason else str(label),
        data={"rating": rating, "round": round_},
    )
    return entry


# --- the reply clock's ladder (the worker's clocks-escalate job) -----------------------------


def proposal_escalated(step: Escalation) -> None:
    """The kernel raised the reply clock of `step.owner` (locked): its level saved (no
    version: an open reply form stays valid), a timeline line, the audit event and the
    rung's people told (the lead office before and at the deadline, then the advisor)."""
    proposal: Proposal = step.owner
    if step.owner_fields:
        proposal.save(update_fields=[*step.owner_fields, "updated_at"])
    ProposalEvent.objects.create(
        proposal=proposal,
        school_id=proposal.school_id,
        kind="reminded",
        actor=None,
        actor_label="系统",
        text=step.text,
        created_at=step.now,
    )
    audit.record(
        actor=step.actor,
        action=f"{step.kind.name}.escalated",
        target=proposal,
        data={"proposal": proposal.pk, "clock": step.kind.code, "level": step.level},
        school=proposal.school,
    )
    before = step.rung.overdue_workdays < 0
    title = _("【提醒】%(p)s") if before else _("【督办】%(p)s")
    tell_users(step.recipients(), proposal, title % {"p": describe(proposal)})
