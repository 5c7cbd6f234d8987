"""The proposal committee (提案工作委员会) and its decisions, one service each.

    committee_name (the school's advisor: chair + members, again to change them)
    submitted ── proposal_accept (立案并交办: offices + reply deadline) ──► referred
    submitted ── proposal_refuse (不予立案: a ground; may forward to an office) ──► not accepted
    submitted ── proposal_merge (并案 into a proposal of the session) ──► merged
    accepted (handed back by the office) ── proposal_refer (交办 again) ──► referred

The chair records each decision on behalf of the committee with the members present. An
accepted or re-referred proposal's reply clock (proposal_deadlines) starts at the referral.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import Membership, Role, User
from tongxin.accounts.roles import has_role_at
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node, NodeKind
from tongxin.workflow.clocks.services import clock_start, owner_fields
from tongxin.workflow.referral import steps as referral
from tongxin.workflow.steps import lock, page_of, save_step, tell

from ..models import Delegate, DelegateListState, Session
from ..proposal_deadlines import reply_duration
from ..proposal_models import (
    Committee,
    CommitteeMember,
    DeadlineKind,
    NotAcceptedGround,
    Proposal,
    ProposalClock,
    ProposalEvent,
    ProposalSigner,
    ProposalState,
    SignerRole,
    SignerStatus,
)
from .proposal_common import (
    describe,
    load_proposal,
    proposers_of,
    record_proposal_step,
    tell_offices,
    tell_proposers,
    tell_users,
)

P = ProposalState
MAX_WORKDAYS = 60  # a reply owed in more working days is a complex one (next month's end)
MAX_NOTE = 2000
# What a proposal may be merged into: one still before or in the offices' hands.
MERGE_TARGET_STATES = (P.SUBMITTED, P.ACCEPTED, P.REFERRED)
DECIDED_FIELDS = ("decided_at", "decided_by", "decision_note")


# ---------------------------------------------------------------- naming the committee


def _school_advisor(session: Session, user: User | None) -> bool:
    return user is not None and has_role_at(user, Role.ADVISOR, node_id=session.school_id)


def _member_offices(session: Session, users: list[User]) -> dict[int, int]:
    """user id → the office of the session's school each handles (the first one)."""
    rows = (
        Membership.objects.active()
        .filter(
            user__in=users,
            role=Role.OFFICE_HANDLER,
            node__kind=NodeKind.OFFICE,
            node__school_id=session.school_id,
        )
        .order_by("node_id")
        .values_list("user_id", "node_id")
    )
    found: dict[int, int] = {}
    for user_id, node_id in rows:
        found.setdefault(user_id, node_id)
    return found


def _session_delegates(session: Session, users: list[User]) -> set[int]:
    return set(
        Delegate.objects.filter(
            delegate_list__session_id=session.pk,
            delegate_list__state=DelegateListState.CONFIRMED,
            user__in=users,
        ).values_list("user_id", flat=True)
    )


def _check_members(session: Session, chair: User, members: list[User]) -> dict[int, int | None]:
    """user id → office id (None: a delegate member), or a DomainError naming the field."""
    if not members:
        raise DomainError(_("请至少选择一名委员。"), field="members")
    if any(u.pk == chair.pk for u in members):
        raise DomainError(_("主任不必再列为委员，请从委员中去掉。"), field="members")
    offices = _member_offices(session, members)
    delegates = _session_delegates(session, members)
    chosen: dict[int, int | None] = {}
    for user in members:
        if user.pk in offices:
            chosen[user.pk] = offices[user.pk]
        elif user.pk in delegates:
            chosen[user.pk] = None
        else:
            raise DomainError(
                _("委员“%(name)s”既不是本校职能部门的工作人员，也不是本次会议的代表。")
                % {"name": user.real_name or user.username},
                field="members",
            )
    return chosen


def _write_members(committee: Committee, chosen: dict[int, int | None]) -> tuple[list, list]:
    """Add, re-activate or deactivate rows (a former member's row stays: decisions name
    who was present); returns the user ids added and removed."""
    rows = {m.user_id: m for m in committee.members.all()}
    added, removed = [], []
    for user_id, office_id in chosen.items():
        row = rows.get(user_id)
        if row is None:
            CommitteeMember.objects.create(
                committee=committee,
                school_id=committee.school_id,
                user_id=user_id,
                office_id=office_id,
            )
            added.append(user_id)
        elif not row.active or row.office_id != office_id:
            if not row.active:
                added.append(user_id)
            row.active, row.office_id = True, office_id
            row.save(update_fields=["active", "office"])
    for user_id, row in rows.items():
        if user_id not in chosen and row.active:
            row.active = False
            row.save(update_fields=["active"])
            removed.append(user_id)
    return added, removed


@transaction.atomic
def committee_name(
    *,
    actor: User,
    session: Session,
    members: list[User],
    chair: User | None = None,
    expected_version: int | None = None,
    now: datetime.datetime | None = None,
) -> Committee:
    """Name (or change) the session's proposal committee: the chair — an advisor of the
    school, the actor by default — and members from the school's offices and the session's
    delegates. A change needs the version the actor's page showed."""
    authorize(actor, "congress.name_committee", session)
    now = now or timezone.now()
    session = (
        Session.objects.select_for_update().select_related("union", "school").get(pk=session.pk)
    )
    chair = chair or actor
    if not _school_advisor(session, chair):
        raise DomainError(_("主任须由本校团委指导老师担任。"), field="chair")
    chosen = _check_members(session, chair, list(dict.fromkeys(members)))
    committee = Committee.objects.filter(session_id=session.pk).first()
    if committee is None:
        committee = Committee.objects.create(
            session=session, school_id=session.school_id, chair=chair, created_at=now
        )
        was_chair = None
    else:
        if expected_version is None:
            raise DomainError(_("缺少版本号，请刷新页面后重试。"), field="version")
        committee = lock(committee, expected_version)
        was_chair = committee.chair_id
        committee.chair = chair
        save_step(committee, "chair")
    added, removed = _write_members(committee, chosen)
    audit.record(
        actor=actor,
        action="congress.proposal.committee_named",
        target=committee,
        school=session.school,
        data={
            "committee_session": session.pk,
            "committee_chair": chair.pk,
            "committee_members": sorted(chosen),
            "members_added": added,
            "members_removed": removed,
        },
    )
    told = [u for u in members if u.pk in added]
    if was_chair != chair.pk:
        told.append(chair)
    title = _("您已被列入%(union)s第 %(n)s 次代表大会提案工作委员会") % {
        "union": session.union.name,
        "n": session.number,
    }
    tell(
        told,
        verb="congress.proposal.committee_named",
        title=title,
        url=page_of("congress:committee-session", session),
        school=session.school,
        skip=actor,
    )
    return committee


# ---------------------------------------------------------------- the decisions' input


def _present(proposal: Proposal, users: Iterable[User], *, required: bool) -> list[CommitteeMember]:
    ids = {u.pk for u in users}
    if not ids:
        if required:
            raise DomainError(_("请勾选出席会议的委员。"), field="present")
        return []
    rows = list(
        CommitteeMember.objects.filter(
            committee__session_id=proposal.session_id, user_id__in=ids, active=True
        ).select_related("user")
    )
    if len(rows) != len(ids):
        raise DomainError(_("出席委员只能是本次会议提案工作委员会的委员。"), field="present")
    return rows


def _check_offices(proposal: Proposal, lead: Node | None, co: list[Node]) -> None:
    """The referral piece's checks, each with a message naming its field."""
    if lead is None:
        raise DomainError(_("请选择牵头部门。"), field="lead_office")

    def ours(office: Node) -> bool:
        return office.kind == NodeKind.OFFICE and office.school_id == proposal.school_id

    if not ours(lead):
        raise DomainError(_("牵头部门只能是本校的职能部门。"), field="lead_office")
    if not all(ours(o) for o in co):
        raise DomainError(_("协办部门只能是本校的职能部门。"), field="co_offices")
    if lead in co:
        raise DomainError(_("牵头部门不能同时是协办部门。"), field="co_offices")


def _deadline(kind: str, workdays: int | None) -> int | None:
    if kind not in DeadlineKind.values:
        raise DomainError(_("请选择答复期限。"), field="deadline_kind")
    if kind != DeadlineKind.WORKDAYS:
        return None
    if workdays is None or workdays < 1:
        raise DomainError(_("答复期限的工作日数至少为 1 天。"), field="deadline_workdays")
    if workdays > MAX_WORKDAYS:
        raise DomainError(
            _("答复期限的工作日数不能超过 %(n)d 天（更长的请选“复杂”）。") % {"n": MAX_WORKDAYS},
            field="deadline_workdays",
        )
    return workdays


def _note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise DomainError(_("审查意见不能超过 %(n)d 个字。") % {"n": MAX_NOTE}, field="note")
    return note


def _decided(proposal: Proposal, actor: User, now: datetime.datetime, note: str) -> None:
    proposal.decided_at, proposal.decided_by, proposal.decision_note = now, actor, note


def _names(users: Iterable[Any]) -> str:
    return "、".join(u.real_name or u.username for u in users)


def _with_present(text: str, members: list[CommitteeMember]) -> str:
    """The timeline's text with the members present at the decision."""
    return f"{text}\n出席委员：{_names(m.user for m in members)}" if members else text


# ---------------------------------------------------------------- 立案并交办 / 交办


def _refer(
    proposal: Proposal,
    *,
    lead_office: Node,
    co_offices: list[Node],
    kind: str,
    workdays: int | None,
    now: datetime.datetime,
) -> tuple[str, ...]:
    """Hand the proposal to its offices and start the reply clock (its due day copied on
    the proposal); returns the fields to save."""
    fields = referral.refer(proposal, lead_office=lead_office, co_offices=co_offices, now=now)
    proposal.state = P.REFERRED
    proposal.deadline_kind, proposal.deadline_workdays = kind, workdays
    clock, duration = reply_duration(kind, workdays, now)
    clock_start(proposal, clock, now=now, duration=duration)
    return (
        "state",
        *fields,
        "deadline_kind",
        "deadline_workdays",
        *owner_fields(ProposalClock),
    )


def _referred_text(proposal: Proposal, lead: Node, co: list[Node], note: str) -> str:
    offices = lead.name + "（牵头）" + "".join(f"、{o.name}" for o in co)
    due = (
        timezone.localtime(proposal.reply_due_at).strftime("%Y-%m-%d")
        if proposal.reply_due_at
        else ""
    )
    text = _("交办%(offices)s，%(due)s前答复。") % {"offices": offices, "due": due}
    return f"{text}\n{note}" if note else text


def _tell_referred(actor: User, proposal: Proposal, lead: Node, co: list[Node]) -> None:
    tell_offices(
        proposal,
        [lead.pk, *(o.pk for o in co)],
        _("交办提案：%(p)s") % {"p": describe(proposal)},
        skip=actor,
    )
    tell_proposers(proposal, _("您的%(p)s已立案并交办") % {"p": describe(proposal)}, skip=actor)


@transaction.atomic
def proposal_accept(
    *,
    actor: User,
    proposal: Proposal,
    expected_version: int | None,
    lead_office: Node | None,
    co_offices: list[Node],
    deadline_kind: str,
    deadline_workdays: int | None = None,
    present: list[User],
    note: str = "",
    now: datetime.datetime | None = None,
) -> Proposal:
    """立案并交办: the committee accepts the proposal and refers it to its offices with the
    reply deadline it picked (simple, complex or N working days)."""
    now = now or timezone.now()
    proposal = load_proposal(actor, proposal, "accept", expected_version)
    members = _present(proposal, present, required=True)
    _check_offices(proposal, lead_office, co_offices)
    assert lead_office is not None
    workdays = _deadline(deadline_kind, deadline_workdays)
    note = _note(note)
    fields = _refer(
        proposal,
        lead_office=lead_office,
        co_offices=co_offices,
        kind=deadline_kind,
        workdays=workdays,
        now=now,
    )
    _decided(proposal, actor, now, note)
    save_step(proposal, *fields, *DECIDED_FIELDS)
    proposal.present.set(members)
    record_proposal_step(
        actor,
        proposal,
        kind="accepted",
        now=now,
        text=_with_present(_referred_text(proposal, lead_office, co_offices, note), members),
        data=_referral_data(proposal, lead_office, co_offices, members),
    )
    _tell_referred(actor, proposal, lead_office, co_offices)
    return proposal


def _referral_data(
    proposal: Proposal, lead: Node, co: list[Node], members: list[CommitteeMember]
) -> dict[str, Any]:
    return {
        "lead_office": lead.pk,
        "co_offices": [o.pk for o in co],
        "deadline_kind": proposal.deadline_kind,
        "deadline_workdays": proposal.deadline_workdays,
        "reply_due_at": proposal.reply_due_at.isoformat() if proposal.reply_due_at else None,
        "present": [m.user_id for m in members],
    }


@transaction.atomic
def proposal_refer(
    *,
    actor: User,
    proposal: Proposal,
    expected_version: int | None,
    lead_office: Node | None,
    co_offices: list[Node],
    deadline_kind: str,
    deadline_workdays: int | None = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Proposal:
    """交办 again, after the office handed the accepted proposal back: new offices and a new
    reply deadline counted from now."""
    now = now or timezone.now()
    proposal = load_proposal(actor, proposal, "refer", expected_version)
    _check_offices(proposal, lead_office, co_offices)
    assert lead_office is not None
    workdays = _deadline(deadline_kind, deadline_workdays)
    note = _note(note)
    fields = _refer(
        proposal,
        lead_office=lead_office,
        co_offices=co_offices,
        kind=deadline_kind,
        workdays=workdays,
        now=now,
    )
    save_step(proposal, *fields)
    record_proposal_step(
        actor,
        proposal,
        kind="referred",
        now=now,
        text=_referred_text(proposal, lead_office, co_offices, note),
        data=_referral_data(proposal, lead_office, co_offices, []),
    )
    _tell_referred(actor, proposal, lead_office, co_offices)
    return proposal


# ---------------------------------------------------------------- 不予立案


def _forward_office(proposal: Proposal, office: Node | None) -> Node | None:
    if office is None:
        return None
    if office.kind != NodeKind.OFFICE or office.school_id != proposal.school_id:
        raise DomainError(_("转送参考的部门只能是本校的职能部门。"), field="forwarded_to")
    return office


@transaction.atomic
def proposal_refuse(
    *,
    actor: User,
    proposal: Proposal,
    expected_version: int | None,
    ground: str,
    present: list[User],
    note: str = "",
    forwarded_to: Node | None = None,
    now: datetime.datetime | None = None,
) -> Proposal:
    """不予立案 on one of the standard grounds; a useful one may go to an office as an
    opinion (转有关部门参考)."""
    now = now or timezone.now()
    proposal = load_proposal(actor, proposal, "refuse", expected_version)
    members = _present(proposal, present, required=True)
    if ground not in NotAcceptedGround.values:
        raise DomainError(_("请选择不予立案理由。"), field="ground")
    office = _forward_office(proposal, forwarded_to)
    note = _note(note)
    proposal.state, proposal.ground, proposal.forwarded_to = P.NOT_ACCEPTED, ground, office
    _decided(proposal, actor, now, note)
    save_step(proposal, "state", "ground", "forwarded_to", *DECIDED_FIELDS)
    proposal.present.set(members)
    label = NotAcceptedGround(ground).label
    text = f"{label}。{note}" if note else f"{label}。"
    if office is not None:
        text += _("已转%(office)s参考。") % {"office": office.name}
    record_proposal_step(
        actor,
        proposal,
        kind="refused",
        now=now,
        text=_with_present(text, members),
        data={
            "ground": ground,
            "forwarded_to": office.pk if office else None,
            "present": [m.user_id for m in members],
        },
    )
    if office is not None:
        audit.record(
            actor=actor,
            action="congress.proposal.forwarded",
            target=proposal,
            school=proposal.school,
            data={"proposal": proposal.pk, "forwarded_to": office.pk},
        )
        tell_offices(
            proposal,
            [office.pk],
            _("不予立案提案转您部门参考：%(p)s") % {"p": describe(proposal)},
            skip=actor,
        )
    tell_proposers(proposal, _("您的%(p)s不予立案") % {"p": describe(proposal)}, skip=actor)
    return proposal


# ---------------------------------------------------------------- 并案


def _merge_target(proposal: Proposal, target: Proposal | None) -> Proposal:
    """The target, locked (after the source: both rows were locked in id order first)."""
    if target is None or target.session_id != proposal.session_id:
        raise DomainError(_("请选择本次会议的另一件提案作为并案目标。"), field="merge_into")
    if target.pk == proposal.pk:
        raise DomainError(_("提案不能并入其自身。"), field="merge_into")
    target = lock(target, None, related=("school", "lead"))
    if target.state == P.MERGED:
        raise DomainError(
            _("目标提案已并入其他提案，请直接并入%(p)s。")
            % {"p": describe(target.merged_into) if target.merged_into else _("其并入的提案")},
            field="merge_into",
        )
    if target.state not in MERGE_TARGET_STATES:
        raise DomainError(
            _("只能并入待审查、已立案或办理中的提案，目标提案当前为“%(s)s”。")
            % {"s": target.get_state_display()},
            field="merge_into",
        )
    if Proposal.objects.filter(merged_into_id=proposal.pk).exists():
        raise DomainError(
            _("已有提案并入本提案，本提案不能再并入其他提案；可将目标提案并入本提案。"),
            field="merge_into",
        )
    return target


def _carry_proposers(
    source: Proposal, target: Proposal, now: datetime.datetime
) -> tuple[list[User], list[User]]:
    """The source's lead and confirmed co-signers become co-proposers of the target;
    returns (added, already there). A person on the target already is not doubled (a
    declined or invited co-signer of the target becomes a co-proposer in the same row)."""
    people = proposers_of(source)
    rows = {s.user_id: s for s in target.signers.filter(user__in=people)}
    added, there = [], []
    for person in people:
        row = rows.get(person.pk)
        if person.pk == target.lead_id or (row and row.status == SignerStatus.CONFIRMED):
            there.append(person)
            continue
        if row is None:
            ProposalSigner.objects.create(
                proposal=target,
                school_id=target.school_id,
                user=person,
                role=SignerRole.CO_PROPOSER,
                status=SignerStatus.CONFIRMED,
                from_proposal=source,
                invited_at=now,
                responded_at=now,
            )
        else:
            row.role, row.status, row.from_proposal = (
                SignerRole.CO_PROPOSER,
                SignerStatus.CONFIRMED,
                source,
            )
            row.responded_at, row.version = now, row.version + 1
            row.save(update_fields=["role", "status", "from_proposal", "responded_at", "version"])
        added.append(person)
    return added, there


@transaction.atomic
def proposal_merge(
    *,
    actor: User,
    proposal: Proposal,
    expected_version: int | None,
    target: Proposal | None,
    present: list[User],
    note: str = "",
    now: datetime.datetime | None = None,
) -> Proposal:
    """并案: the proposal is merged into `target` (same session, not merged itself); its
    proposers become the target's co-proposers and are told. Returns the target."""
    now = now or timezone.now()
    if target is not None:  # both rows locked in id order: two crossed merges never deadlock
        list(
            Proposal.objects.select_for_update()
            .filter(pk__in=[proposal.pk, target.pk])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    proposal = load_proposal(actor, proposal, "merge", expected_version)
    members = _present(proposal, present, required=True)
    target = _merge_target(proposal, target)
    note = _note(note)
    proposal.state, proposal.merged_into = P.MERGED, target
    _decided(proposal, actor, now, note)
    save_step(proposal, "state", "merged_into", *DECIDED_FIELDS)
    proposal.present.set(members)
    added, _there = _carry_proposers(proposal, target, now)
    save_step(target)  # its proposers changed: a page showing the old ones is stale
    record_proposal_step(
        actor,
        proposal,
        kind="merged",
        now=now,
        text=_with_present(
            _("并入%(t)s。%(note)s") % {"t": describe(target), "note": note}, members
        ),
        data={
            "merged_into": target.pk,
            "co_proposers": [u.pk for u in added],
            "present": [m.user_id for m in members],
        },
    )
    ProposalEvent.objects.create(
        proposal=target,
        school_id=target.school_id,
        kind="merged",
        actor=actor,
        actor_label=(actor.real_name or actor.username)[:60],
        text=_("%(p)s并入本提案，%(who)s成为并案提案人。")
        % {"p": describe(proposal), "who": _names(added) or _("其提案人均已在本提案中")},
        created_at=now,
    )
    tell_users(
        proposers_of(proposal),
        target,
        _("您的%(p)s已并入%(t)s，您为该提案的提案人")
        % {"p": describe(proposal), "t": describe(target)},
        skip=actor,
    )
    return target
