"""Writing and co-signing proposals (撰写与附议) and the students' suggestions (意见建议).

    proposal_window_set (the union's officers, the advisor) ── the session's 征集期
    (new) ── proposal_write (a delegate, window open, < N lead proposals) ──► draft
    draft ── proposal_edit | proposal_invite (the lead) ──► draft
    draft ── proposal_cosign | proposal_decline (an invited delegate) ──► draft
    draft ── proposal_submit (the lead, window open, ≥ M confirmed) ──► submitted (numbered)
    draft | submitted ── proposal_withdraw (the lead) ──► withdrawn
    suggestion_send (a student who is no delegate) ──► open
    open ── adopted as a proposal's basis (proposal_write) ──► adopted
    open ── suggestion_answer (a delegate of the college) ──► closed

A proposal's version counts changes of what its co-signers sign (the text, the state):
co-signing and declining check it (one signs what one read) but do not move it, so many
invitees confirming at once never refuse each other; they serialise on the proposal's row.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tongxin.accounts.models import User
from tongxin.audit import services as audit
from tongxin.core.authz import authorize, can
from tongxin.core.errors import DomainError, StaleObject
from tongxin.core.similarity import grams
from tongxin.workflow.steps import record_step, require_text, save_step, tell

from ..models import (
    FINAL_SESSION_STATES,
    CongressRule,
    Delegate,
    DelegateListState,
    Session,
)
from ..proposal_machine import PROPOSAL
from ..proposal_models import (
    Proposal,
    ProposalCategory,
    ProposalGram,
    ProposalSigner,
    ProposalState,
    ProposalWindow,
    SignerRole,
    SignerStatus,
    Suggestion,
    SuggestionState,
)
from ..schedule import rule_for
from .proposal_common import (
    describe,
    load_proposal,
    record_proposal_step,
    tell_proposers,
    tell_users,
)

TITLE_MAX = 100
TEXT_MAX = 5000
NO_SUGGESTION = "请填写具体建议：没有具体建议的是意见，不是提案。"


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _day(now: datetime.datetime) -> datetime.date:
    return timezone.localtime(now).date()


def session_rule(session: Session) -> CongressRule:
    return rule_for(session.line.level)


# ---------------------------------------------------------------- the collection window


def window_of(session: Session) -> ProposalWindow | None:
    return ProposalWindow.objects.filter(session_id=session.pk).first()


def require_window_open(session: Session, now: datetime.datetime) -> ProposalWindow:
    """The session's window when `now` lies in it; a DomainError naming the dates else."""
    window = window_of(session)
    if window is None:
        raise DomainError("该次代表大会尚未设定提案征集期，暂不能撰写或提交提案。", field="session")
    if not window.is_open_on(_day(now)):
        raise DomainError(
            f"提案征集期为 {window.opens_on:%Y-%m-%d} 至 {window.closes_on:%Y-%m-%d}，"
            "现在不在征集期内，不能撰写或提交提案。",
            field="session",
        )
    return window


@transaction.atomic
def proposal_window_set(
    *,
    actor: User,
    session: Session,
    opens_on: datetime.date | None,
    closes_on: datetime.date | None,
    expected_version: int | None = None,
    now: datetime.datetime | None = None,
) -> ProposalWindow:
    """Set or change the session's collection window (征集期), both days included."""
    authorize(actor, "congress.set_proposal_window", session)
    if opens_on is None:
        raise DomainError("请填写征集开始日期。", field="opens_on")
    if closes_on is None:
        raise DomainError("请填写征集截止日期。", field="closes_on")
    if closes_on < opens_on:
        raise DomainError("征集截止日期不能早于开始日期。", field="closes_on")
    if (closes_on - opens_on).days > 366:
        raise DomainError("征集期不能超过一年。", field="closes_on")
    # The session's row serialises the first setting (one window per session).
    locked = Session.objects.select_for_update(of=("self",)).get(pk=session.pk)
    if locked.state in FINAL_SESSION_STATES:
        raise DomainError("该次代表大会已结束或已取消，不能再设定提案征集期。", field="session")
    window = ProposalWindow.objects.select_for_update().filter(session_id=session.pk).first()
    if window is None:
        window = ProposalWindow.objects.create(
            session=locked,
            school_id=locked.school_id,
            union_id=locked.union_id,
            opens_on=opens_on,
            closes_on=closes_on,
            set_by=actor,
        )
    else:
        if expected_version is not None and window.version != expected_version:
            raise StaleObject("该提案征集期已被他人修改，请刷新后重试。")
        window.opens_on, window.closes_on, window.set_by = opens_on, closes_on, actor
        save_step(window, "opens_on", "closes_on", "set_by")
    audit.record(
        actor=actor,
        action="congress.proposal.window_set",
        target=window,
        data={"session": locked.pk, "opens_on": str(opens_on), "closes_on": str(closes_on)},
        school=locked.school,
    )
    return window


# ---------------------------------------------------------------- the proposal's text


def _clean_fields(
    *,
    title: str | None,
    category: str | None,
    background: str | None,
    analysis: str | None,
    suggestion: str | None,
) -> dict[str, str]:
    title = require_text(title, "title", "案由", TITLE_MAX)
    if category not in ProposalCategory.values:
        raise DomainError("请选择提案类别。", field="category")
    if not (suggestion or "").strip():
        raise DomainError(NO_SUGGESTION, field="suggestion")
    values = {
        "title": title,
        "category": category,
        "suggestion": require_text(suggestion, "suggestion", "具体建议", TEXT_MAX),
        "background": (background or "").strip(),
        "analysis": (analysis or "").strip(),
    }
    for field, label in (("background", "背景"), ("analysis", "分析")):
        if len(values[field]) > TEXT_MAX:
            raise DomainError(f"{label}不能超过 {TEXT_MAX} 个字。", field=field)
    return values


def index_title(proposal: Proposal) -> None:
    """The title's grams for "similar proposals of the session" (replaced on each edit)."""
    ProposalGram.objects.filter(proposal_id=proposal.pk).delete()
    ProposalGram.objects.bulk_create(
        [
            ProposalGram(proposal_id=proposal.pk, session_id=proposal.session_id, gram=g)
            for g in sorted(grams(proposal.title))
        ]
    )


def _lock_seat(actor: User, session: Session) -> None:
    """Lock the writer's delegate row: two proposals written at once by one delegate are
    counted one after the other (other delegates are not held up)."""
    seat = (
        Delegate.objects.select_for_update(of=("self",))
        .filter(
            user_id=actor.pk,
            delegate_list__session_id=session.pk,
            delegate_list__state=DelegateListState.CONFIRMED,
        )
        .first()
    )
    if seat is None:  # the rule said yes a moment ago; the list changed meanwhile
        raise DomainError("您不是该次代表大会的代表，不能撰写提案。", field="session")


def _adopt(actor: User, suggestion: Suggestion, session: Session, now: datetime.datetime) -> None:
    fresh = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not can(actor, "congress.handle_suggestion", fresh) or fresh.school_id != session.school_id:
        raise DomainError("只能采纳本学院同学向您提出的意见建议。", field="basis_suggestion")
    if fresh.state != SuggestionState.OPEN:
        raise DomainError("该意见建议已被采纳或已答复，不能再采纳。", field="basis_suggestion")
    fresh.state, fresh.handled_by = SuggestionState.ADOPTED, actor
    save_step(fresh, "state", "handled_by")
    record_step(
        actor=actor,
        action="congress.suggestion.adopted",
        target=fresh,
        data={"title": fresh.title},
        school=session.school,
    )
    tell(
        [fresh.author],
        verb="congress.suggestion.updated",
        title=f"您的意见建议《{fresh.title}》已被代表采纳为提案",
        url=page_of_suggestions(),
        school=session.school,
        skip=actor,
    )


def page_of_suggestions() -> str:
    from django.urls import reverse

    return reverse("congress:my-suggestions")


@transaction.atomic
def proposal_write(
    *,
    actor: User,
    session: Session,
    title: str | None,
    category: str | None,
    suggestion: str | None,
    background: str | None = "",
    analysis: str | None = "",
    basis_suggestion: Suggestion | None = None,
    basis_issue: Any = None,
    now: datetime.datetime | None = None,
) -> Proposal:
    """A delegate's new proposal as its lead proposer (a draft: co-signers are invited
    next). A suggestion given as basis becomes adopted; a rights issue must be readable."""
    now = _now(now)
    authorize(actor, "congress.write_proposal", session)
    values = _clean_fields(
        title=title,
        category=category,
        background=background,
        analysis=analysis,
        suggestion=suggestion,
    )
    require_window_open(session, now)
    _lock_seat(actor, session)
    limit = session_rule(session).proposal_max_lead
    led = (
        Proposal.objects.filter(session_id=session.pk, lead_id=actor.pk)
        .exclude(state=ProposalState.WITHDRAWN)
        .count()
    )
    if led >= limit:
        raise DomainError(
            f"每位代表在一次代表大会上最多领衔提出 {limit} 件提案（撤回的不计，附议不计），"
            f"您已领衔 {led} 件。",
            field="title",
        )
    if basis_issue is not None and (
        basis_issue.school_id != session.school_id
        or not can(actor, "rights.view_issue", basis_issue)
    ):
        raise DomainError("只能以您能查看的本校权益诉求作为提案依据。", field="basis_issue")
    if basis_suggestion is not None:
        _adopt(actor, basis_suggestion, session, now)
    proposal = Proposal.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        lead=actor,
        basis_suggestion=basis_suggestion,
        basis_issue=basis_issue,
        created_at=now,
        **values,
    )
    index_title(proposal)
    record_proposal_step(actor, proposal, kind="written", now=now, data={"title": proposal.title})
    return proposal


@transaction.atomic
def proposal_edit(
    *,
    actor: User,
    proposal: Proposal,
    expected_version: int | None,
    title: str | None,
    category: str | None,
    suggestion: str | None,
    background: str | None = "",
    analysis: str | None = "",
    now: datetime.datetime | None = None,
) -> Proposal:
    now = _now(now)
    proposal = load_proposal(actor, proposal, "edit", expected_version)
    values = _clean_fields(
        title=title,
        category=category,
        background=background,
        analysis=analysis,
        suggestion=suggestion,
    )
    for field, value in values.items():
        setattr(proposal, field, value)
    save_step(proposal, *values)
    index_title(proposal)
    record_proposal_step(actor, proposal, kind="edited", now=now, data={"title": proposal.title})
    # Who confirmed signed the old text: they are told it changed.
    tell_proposers(proposal, f"{describe(proposal)}的内容已修改，请查看", skip=actor)
    return proposal


# ---------------------------------------------------------------- co-signing


def session_delegate_ids(session_id: int, user_ids: list[int]) -> set[int]:
    return set(
        Delegate.objects.filter(
            delegate_list__session_id=session_id,
            delegate_list__state=DelegateListState.CONFIRMED,
            user_id__in=user_ids,
        ).values_list("user_id", flat=True)
    )


@transaction.atomic
def proposal_invite(
    *,
    actor: User,
    proposal: Proposal,
    expected_version: int | None,
    invitees: list[int],
    now: datetime.datetime | None = None,
) -> Proposal:
    """The lead names delegates of the same session as co-signers (附议人)."""
    now = _now(now)
    proposal = load_proposal(actor, proposal, "invite", expected_version)
    wanted = list(dict.fromkeys(int(pk) for pk in invitees or []))
    if not wanted:
        raise DomainError("请选择要邀请附议的代表。", field="invitees")
    if actor.pk in wanted:
        raise DomainError("领衔人不能邀请自己附议。", field="invitees")
    if len(wanted) > 50:
        raise DomainError("一次最多邀请 50 位代表。", field="invitees")
    outside = set(wanted) - session_delegate_ids(proposal.session_id, wanted)
    if outside:
        raise DomainError(
            "只能邀请本次代表大会的代表附议，所选人员中有不是代表的。", field="invitees"
        )
    already = {
        s.user_id: s for s in proposal.signers.filter(user_id__in=wanted).select_related("user")
    }
    if already:
        names = "、".join(s.user.real_name or s.user.username for s in already.values())
        raise DomainError(f"已邀请过：{names}。", field="invitees")
    users = list(User.objects.filter(pk__in=wanted))
    ProposalSigner.objects.bulk_create(
        [
            ProposalSigner(proposal=proposal, school_id=proposal.school_id, user=u, invited_at=now)
            for u in users
        ]
    )
    names = "、".join(u.real_name or u.username for u in users)
    record_proposal_step(
        actor,
        proposal,
        kind="invited",
        now=now,
        text=f"邀请附议：{names}",
        data={"invitees": sorted(wanted)},
    )
    tell_users(
        users, proposal, f"{actor.real_name or actor.username}邀请您附议{describe(proposal)}"
    )
    return proposal


def _respond(
    actor: User,
    proposal: Proposal,
    expected_version: int | None,
    *,
    name: str,
    status: str,
    note: str,
    now: datetime.datetime | None,
) -> Proposal:
    now = _now(now)
    proposal = load_proposal(actor, proposal, name, expected_version)
    signer = ProposalSigner.objects.select_for_update().get(proposal=proposal, user_id=actor.pk)
    if signer.status != SignerStatus.INVITED:  # the rule already says so; the row, too
        raise DomainError("您已答复过该附议邀请。", field="version")
    signer.status, signer.responded_at = status, now
    save_step(signer, "status", "responded_at")
    verb = "确认附议" if status == SignerStatus.CONFIRMED else "谢绝附议"
    kind = PROPOSAL.action(name).done
    record_proposal_step(actor, proposal, kind=kind, now=now, text=note)
    tell_users(
        [proposal.lead], proposal, f"{actor.real_name or actor.username}{verb}{describe(proposal)}"
    )
    return proposal


@transaction.atomic
def proposal_cosign(
    *,
    actor: User,
    proposal: Proposal,
    expected_version: int | None,
    now: datetime.datetime | None = None,
) -> Proposal:
    """An invited delegate confirms (the version: the text they read)."""
    return _respond(
        actor,
        proposal,
        expected_version,
        name="cosign",
        status=SignerStatus.CONFIRMED,
        note="",
        now=now,
    )


@transaction.atomic
def proposal_decline(
    *,
    actor: User,
    proposal: Proposal,
    expected_version: int | None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Proposal:
    note = (note or "").strip()
    if len(note) > 500:
        raise DomainError("谢绝理由不能超过 500 个字。", field="note")
    return _respond(
        actor,
        proposal,
        expected_version,
        name="decline",
        status=SignerStatus.DECLINED,
        note=note,
        now=now,
    )


def confirmed_cosigners(proposal: Proposal) -> int:
    return proposal.signers.filter(role=SignerRole.COSIGNER, status=SignerStatus.CONFIRMED).count()


@transaction.atomic
def proposal_submit(
    *,
    actor: User,
    proposal: Proposal,
    expected_version: int | None,
    now: datetime.datetime | None = None,
) -> Proposal:
    """To the committee: inside the window, with the minimum of confirmed co-signers; the
    next number of the session, taken under the session row's lock."""
    now = _now(now)
    proposal = load_proposal(actor, proposal, "submit", expected_version)
    require_window_open(proposal.session, now)
    needed = session_rule(proposal.session).proposal_min_cosigners
    have = confirmed_cosigners(proposal)
    if have < needed:
        raise DomainError(
            f"提案须有至少 {needed} 位代表确认附议才能提交，目前已确认 {have} 位。",
            field="signers",
        )
    # NO KEY UPDATE: it queues the session's submissions behind each other but not the
    # writers' inserts, whose foreign key takes a KEY SHARE lock on the same row.
    Session.objects.select_for_update(of=("self",), no_key=True).filter(
        pk=proposal.session_id
    ).first()
    last = Proposal.objects.filter(session_id=proposal.session_id).aggregate(n=Max("number"))["n"]
    proposal.number = (last or 0) + 1
    proposal.state, proposal.submitted_at = ProposalState.SUBMITTED, now
    save_step(proposal, "number", "state", "submitted_at")
    record_proposal_step(
        actor, proposal, kind="submitted", now=now, data={"number": proposal.number}
    )
    tell_proposers(proposal, f"{describe(proposal)}已提交，等待提案工作委员会审查", skip=actor)
    return proposal


@transaction.atomic
def proposal_withdraw(
    *,
    actor: User,
    proposal: Proposal,
    expected_version: int | None,
    reason: str = "",
    now: datetime.datetime | None = None,
) -> Proposal:
    now = _now(now)
    proposal = load_proposal(actor, proposal, "withdraw", expected_version)
    reason = (reason or "").strip()
    if len(reason) > 500:
        raise DomainError("撤回理由不能超过 500 个字。", field="reason")
    proposal.state = ProposalState.WITHDRAWN
    save_step(proposal, "state")
    record_proposal_step(actor, proposal, kind="withdrawn", now=now, text=reason)
    invited = proposal.signers.exclude(status=SignerStatus.DECLINED).select_related("user")
    tell_users([s.user for s in invited], proposal, f"{describe(proposal)}已被领衔人撤回")
    return proposal


# ---------------------------------------------------------------- suggestions


@transaction.atomic
def suggestion_send(
    *,
    actor: User,
    title: str | None,
    text: str | None,
    now: datetime.datetime | None = None,
) -> Suggestion:
    """A student who is no delegate writes to the delegates of their college."""
    now = _now(now)
    authorize(actor, "congress.send_suggestion")
    title = require_text(title, "title", "标题", TITLE_MAX)
    text = require_text(text, "text", "内容", TEXT_MAX)
    if not actor.college_id or not actor.school_id:
        raise DomainError("您的学籍信息中没有学院，无法向学院的代表提出意见建议。", field="title")
    suggestion = Suggestion.objects.create(
        school_id=actor.school_id,
        college_id=actor.college_id,
        author=actor,
        title=title,
        text=text,
        created_at=now,
    )
    record_step(
        actor=actor,
        action="congress.suggestion.sent",
        target=suggestion,
        data={"title": title},
        school=suggestion.school,
    )
    from ..proposal_write_selectors import college_delegates

    tell(
        college_delegates(suggestion.school_id, suggestion.college_id, _day(now)),
        verb="congress.suggestion.sent",
        title=f"同学向本学院代表提出意见建议《{title}》",
        url=_inbox_url(),
        school=suggestion.school,
        skip=actor,
    )
    return suggestion


def _inbox_url() -> str:
    from django.urls import reverse

    return reverse("congress:suggestion-inbox")


@transaction.atomic
def suggestion_answer(
    *,
    actor: User,
    suggestion: Suggestion,
    expected_version: int | None,
    note: str | None,
    now: datetime.datetime | None = None,
) -> Suggestion:
    """A delegate of the college answers without a proposal (closed, with the note)."""
    authorize(actor, "congress.handle_suggestion", suggestion)
    note = require_text(note, "note", "回复", 2000)
    fresh = Suggestion.objects.select_for_update().select_related("school").get(pk=suggestion.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleObject("该意见建议已被他人处理，请刷新后重试。")
    if fresh.state != SuggestionState.OPEN:
        raise DomainError("该意见建议已被采纳或已答复。", field="note")
    fresh.state, fresh.handled_by, fresh.note = SuggestionState.CLOSED, actor, note
    save_step(fresh, "state", "handled_by", "note")
    record_step(
        actor=actor,
        action="congress.suggestion.answered",
        target=fresh,
        data={"title": fresh.title},
        school=fresh.school,
    )
    tell(
        [fresh.author],
        verb="congress.suggestion.updated",
        title=f"代表已答复您的意见建议《{fresh.title}》",
        url=page_of_suggestions(),
        school=fresh.school,
        skip=actor,
    )
    return fresh
