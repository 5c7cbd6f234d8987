"""Every change of a delegate list (代表名单): prepare with quotas, enter and remove
delegates, the election facts, submit to the public notice (公示), objections, confirm.

    (approved session) ── prepare ──► draft ── add / remove / import / recount ──► draft
    draft ── submit (checks pass) ──► notice ── object ──► paused ── dismiss ──► notice
    paused ── uphold ──► draft          notice ── (end passes) confirm ──► confirmed

Each function checks permission through the transition table (delegate_machine), locks
the list with the version check, validates, writes the change and its audit event in one
transaction. The notice runs on the shared piece (tongxin.workflow.notice).
"""

import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import Membership, Role, User
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.workdays.calendar import local_zone
from tongxin.workflow.notice.models import ObjectionStatus
from tongxin.workflow.notice.period import (
    notice_close,
    notice_open,
    notice_pause,
    notice_recount,
    notice_resume,
    notice_run_out,
)
from tongxin.workflow.steps import lock, record_step, save_step, tell

from ..composition import composition_of
from ..delegate_machine import DELEGATE_LIST, DELEGATE_OBJECTIONS
from ..delegate_selectors import (
    level_of,
    officer_ids,
    represented,
    rule_for,
    student_counts,
    unit_field,
)
from ..models import (
    Delegate,
    DelegateList,
    DelegateListState,
    DelegateObjection,
    Quota,
    Session,
)
from ..quotas import allocate
from ..rules import DELEGATE_SESSION_STATES

S = DelegateListState
RELATED = ("session", "session__line", "union", "school")
MAX_VOTES = 1_000_000


def term_end(start: datetime.date, months: int) -> datetime.date:
    """The last day of a term of `months` months from `start` (a 31st maps to month end)."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day) - datetime.timedelta(days=1)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


def _local(moment: datetime.datetime) -> str:
    return moment.astimezone(local_zone()).strftime("%Y-%m-%d %H:%M")


def _page(delegate_list: DelegateList) -> str:
    return reverse("congress:delegate-list", args=[delegate_list.pk])


def _advisors(school_id: int) -> list[User]:
    rows = Membership.objects.active().filter(
        school_id=school_id, node_id=school_id, role=Role.ADVISOR
    )
    return [m.user for m in rows.select_related("user")]


def _preparers(delegate_list: DelegateList) -> list[User]:
    from tongxin.accounts.models import PRESIDIUM_POSITIONS

    rows = Membership.objects.active().filter(
        node_id=delegate_list.union_id, role=Role.OFFICER, position__in=PRESIDIUM_POSITIONS
    )
    return [m.user for m in rows.select_related("user")]


def _record(actor: Any, delegate_list: DelegateList, action: str, **data: Any) -> None:
    record_step(actor=actor, action=action, target=delegate_list, data=data)


def _write_quotas(delegate_list: DelegateList, seats: int) -> dict[int, int]:
    union = delegate_list.union
    counts = student_counts(union)
    rule = rule_for(level_of(union))
    allocated = allocate(
        seats, counts, min_permille=rule.delegate_min_permille, min_seats=rule.min_seats_per_unit
    )
    Quota.objects.filter(delegate_list=delegate_list).delete()
    Quota.objects.bulk_create(
        Quota(
            delegate_list=delegate_list,
            school_id=delegate_list.school_id,
            unit_id=unit,
            students=counts[unit],
            seats=n,
        )
        for unit, n in allocated.items()
    )
    return allocated


@transaction.atomic
def delegate_list_prepare(
    *,
    actor: User,
    session: Session,
    election_held: bool = True,
    candidates: int | None = None,
) -> DelegateList:
    """The union's presidium opens the delegate list of an approved session: quotas per
    college (or class) from the live student counts, the session's seats in total."""
    authorize(actor, "congress.prepare_delegates", session)
    session = (
        Session.objects.select_for_update(of=("self",)).select_related("union").get(pk=session.pk)
    )
    if session.state not in DELEGATE_SESSION_STATES:
        raise DomainError(
            _("会议申请获批（已批复或已回执）后才能准备代表名单，当前状态为“%(s)s”。")
            % {"s": session.get_state_display()},
            field="session",
        )
    if DelegateList.objects.filter(session=session).exists():
        raise DomainError(_("该会议的代表名单已经建立。"), field="session")
    if not session.delegate_seats:
        raise DomainError(
            _("会议申请未填写代表名额，请先在会议申请中填写。"), field="delegate_seats"
        )
    _check_candidates(candidates)
    delegate_list = DelegateList.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        election_held=election_held,
        candidates=candidates,
    )
    delegate_list.union = session.union
    allocated = _write_quotas(delegate_list, session.delegate_seats)
    _record(
        actor,
        delegate_list,
        "congress.delegates.prepared",
        seats=session.delegate_seats,
        units=len(allocated),
    )
    return delegate_list


def _begin(actor: Any, delegate_list: DelegateList, name: str, version: int | None) -> DelegateList:
    return DELEGATE_LIST.begin(
        actor=actor, obj=delegate_list, name=name, expected_version=version, related=RELATED
    )


@transaction.atomic
def delegate_list_recount(
    *, actor: User, delegate_list: DelegateList, expected_version: int
) -> DelegateList:
    """The quotas again from today's student counts (students joined or left)."""
    delegate_list = _begin(actor, delegate_list, "recount", expected_version)
    seats = delegate_list.session.delegate_seats or 0
    allocated = _write_quotas(delegate_list, seats)
    save_step(delegate_list)
    _record(actor, delegate_list, "congress.delegates.recounted", seats=seats, units=len(allocated))
    return delegate_list


def _check_candidates(candidates: int | None) -> None:
    if candidates is not None and not 0 <= candidates <= MAX_VOTES:
        raise DomainError(_("候选人数应为 0 至 1000000 之间的整数。"), field="candidates")


@transaction.atomic
def delegate_list_set_election(
    *,
    actor: User,
    delegate_list: DelegateList,
    expected_version: int,
    election_held: bool,
    candidates: int | None,
) -> DelegateList:
    """Whether the delegates were elected competitively (差额选举) and how many stood."""
    delegate_list = _begin(actor, delegate_list, "edit", expected_version)
    _check_candidates(candidates)
    delegate_list.election_held, delegate_list.candidates = election_held, candidates
    save_step(delegate_list, "election_held", "candidates")
    _record(
        actor,
        delegate_list,
        "congress.delegates.edited",
        election_held=election_held,
        candidates=candidates,
    )
    return delegate_list


def eligible(delegate_list: DelegateList, users: list[User]) -> set[int]:
    """Which of `users` the list's union represents (one query)."""
    ids = [u.pk for u in users]
    return set(represented(delegate_list.union).filter(pk__in=ids).values_list("pk", flat=True))


def add_members(
    delegate_list: DelegateList, entries: list[tuple[User, int | None]], now: datetime.datetime
) -> list[Delegate]:
    """Write delegates for checked (user, votes) entries; the caller validated them."""
    field = unit_field(delegate_list.union)
    return Delegate.objects.bulk_create(
        Delegate(
            delegate_list=delegate_list,
            school_id=delegate_list.school_id,
            user=user,
            unit_id=getattr(user, field),
            votes=votes,
            created_at=now,
        )
        for user, votes in entries
    )


@transaction.atomic
def delegate_add(
    *,
    actor: User,
    delegate_list: DelegateList,
    expected_version: int,
    number: str,
    votes: int | None = None,
    now: datetime.datetime | None = None,
) -> Delegate:
    """Enter one delegate by student number (学号): a student the union represents."""
    delegate_list = _begin(actor, delegate_list, "edit", expected_version)
    number = (number or "").strip()
    if not number:
        raise DomainError(_("请填写学号。"), field="number")
    user = User.objects.filter(school_id=delegate_list.school_id, number=number).first()
    if user is None:
        raise DomainError(_("本校没有学号为“%(n)s”的学生。") % {"n": number}, field="number")
    if not eligible(delegate_list, [user]):
        raise DomainError(
            _("%(name)s不在%(union)s代表的学生范围内。")
            % {"name": user.real_name, "union": delegate_list.union.name},
            field="number",
        )
    if Delegate.objects.filter(delegate_list=delegate_list, user=user).exists():
        raise DomainError(_("%(name)s已在代表名单中。") % {"name": user.real_name}, field="number")
    if votes is not None and not 0 <= votes <= MAX_VOTES:
        raise DomainError(_("得票应为 0 至 1000000 之间的整数。"), field="votes")
    [delegate] = add_members(delegate_list, [(user, votes)], now or timezone.now())
    save_step(delegate_list)
    _record(actor, delegate_list, "congress.delegates.edited", added=user.pk)
    return delegate


@transaction.atomic
def delegate_remove(
    *, actor: User, delegate_list: DelegateList, expected_version: int, user_id: int
) -> DelegateList:
    delegate_list = _begin(actor, delegate_list, "edit", expected_version)
    deleted, _rows = Delegate.objects.filter(delegate_list=delegate_list, user_id=user_id).delete()
    if not deleted:
        raise DomainError(_("该同学不在代表名单中。"), field="user")
    save_step(delegate_list)
    _record(actor, delegate_list, "congress.delegates.edited", removed=user_id)
    return delegate_list


@transaction.atomic
def delegate_list_submit(
    *,
    actor: User,
    delegate_list: DelegateList,
    expected_version: int,
    now: datetime.datetime | None = None,
) -> DelegateList:
    """Checks pass (warnings do not block) → the officer status is snapshotted and the
    list is publicly noticed for the level's working days."""
    now = now or timezone.now()
    delegate_list = _begin(actor, delegate_list, "submit", expected_version)
    composition = composition_of(delegate_list, on=now.astimezone(local_zone()).date())
    if composition.blocking:
        raise DomainError(
            _("代表名单未通过核对：%(p)s") % {"p": "；".join(composition.blocking)},
            field="delegates",
        )
    members = list(delegate_list.members.all())
    officers = officer_ids([m.user_id for m in members], now.astimezone(local_zone()).date())
    for member in members:
        member.is_officer = member.user_id in officers
    Delegate.objects.bulk_update(members, ["is_officer"])
    days = rule_for(delegate_list.session.line.level).notice_workdays
    delegate_list.state, delegate_list.submitted_at = S.NOTICE, now
    save_step(delegate_list, "state", "submitted_at", *notice_open(delegate_list, days, now))
    assert delegate_list.notice_ends_at is not None
    _record(
        actor,
        delegate_list,
        "congress.delegates.published",
        workdays=days,
        delegates=len(members),
    )
    text = _("公示期 %(n)d 个工作日，至 %(t)s 结束。") % {
        "n": days,
        "t": _local(delegate_list.notice_ends_at),
    }
    tell(
        _advisors(delegate_list.school_id),
        verb="congress.delegates.published",
        title=_("%(u)s代表名单开始公示") % {"u": delegate_list.union.name},
        body=text,
        url=_page(delegate_list),
        school=delegate_list.school,
        skip=actor,
    )
    return delegate_list


@transaction.atomic
def delegate_objection_lodge(
    *, actor: User, delegate_list: DelegateList, text: str, now: datetime.datetime | None = None
) -> DelegateObjection:
    """异议: any student of the school during the notice; the first one pauses it."""
    now = now or timezone.now()
    delegate_list = _begin(actor, delegate_list, "object", None)
    objection = DELEGATE_OBJECTIONS.lodge(noticed=delegate_list, author=actor, text=text, now=now)
    record_step(
        actor=actor,
        action=DELEGATE_OBJECTIONS.audit_action("lodge"),
        target=objection,
        school=delegate_list.school,
    )
    if delegate_list.state == S.NOTICE:
        delegate_list.state = S.PAUSED
        save_step(delegate_list, "state", *notice_pause(delegate_list, now))
        _record(
            actor,
            delegate_list,
            "congress.delegates.paused",
            days_left=delegate_list.notice_days_left,
        )
    tell(
        _advisors(delegate_list.school_id),
        verb="congress.delegate_objection.lodged",
        title=_("%(u)s代表名单收到异议，请核查答复") % {"u": delegate_list.union.name},
        url=_page(delegate_list),
        school=delegate_list.school,
        skip=actor,
    )
    return objection


@transaction.atomic
def delegate_objection_resolve(
    *,
    actor: User,
    objection: DelegateObjection,
    expected_version: int,
    upheld: bool,
    answer: str,
    now: datetime.datetime | None = None,
) -> DelegateObjection:
    """The advisor answers in writing. Dismissed: the notice resumes once none is open.
    Upheld: the notice stops, other objections become moot and the list returns to draft
    for the union to correct and submit again."""
    now = now or timezone.now()
    delegate_list = _begin(actor, objection.delegate_list, "resolve", expected_version)
    objection, step = DELEGATE_OBJECTIONS.answer(
        noticed=delegate_list,
        objection=objection,
        outcome=ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED,
        answer=answer,
        by=actor,
        now=now,
    )
    record_step(
        actor=actor,
        action=DELEGATE_OBJECTIONS.audit_action(step.name),
        target=objection,
        school=delegate_list.school,
    )
    tell(
        [objection.author],
        verb=DELEGATE_OBJECTIONS.audit_action(step.name),
        title=_("您对代表名单提出的异议已答复"),
        body=objection.answer,
        url=_page(delegate_list),
        school=delegate_list.school,
    )
    if upheld:
        moot = DELEGATE_OBJECTIONS.close_open(
            noticed=delegate_list, answer=_("另一异议成立，名单退回修改。"), by=actor, now=now
        )
        for other in moot:
            record_step(
                actor=actor,
                action=DELEGATE_OBJECTIONS.audit_action("moot"),
                target=other,
                school=delegate_list.school,
            )
        delegate_list.state, delegate_list.submitted_at = S.DRAFT, None
        save_step(delegate_list, "state", "submitted_at", *notice_close(delegate_list))
        _record(actor, delegate_list, "congress.delegates.returned")
        tell(
            _preparers(delegate_list),
            verb="congress.delegates.returned",
            title=_("代表名单异议成立，请修改后重新提交"),
            body=objection.answer,
            url=_page(delegate_list),
            school=delegate_list.school,
        )
    elif not DELEGATE_OBJECTIONS.open_of(delegate_list).exists():
        delegate_list.state = S.NOTICE
        save_step(delegate_list, "state", *notice_resume(delegate_list, now))
        _record(
            actor,
            delegate_list,
            "congress.delegates.resumed",
            days_left=delegate_list.notice_days_left,
        )
    return objection


def _confirm(delegate_list: DelegateList, actor: Any, now: datetime.datetime) -> None:
    term_months = rule_for(delegate_list.session.line.level).term_months
    start = now.astimezone(local_zone()).date()
    delegate_list.state, delegate_list.confirmed_at = S.CONFIRMED, now
    delegate_list.term_start = start
    delegate_list.term_end = term_end(start, term_months)
    save_step(
        delegate_list,
        "state",
        "confirmed_at",
        "term_start",
        "term_end",
        *notice_close(delegate_list),
    )
    _record(
        actor,
        delegate_list,
        "congress.delegates.confirmed",
        term_end=delegate_list.term_end.isoformat(),
    )
    delegates = User.objects.filter(
        pk__in=delegate_list.members.values_list("user_id", flat=True)
    ).only("pk", "email")
    tell(
        list(delegates),
        verb="congress.delegates.confirmed",
        title=_("您已当选%(u)s代表") % {"u": delegate_list.union.name},
        body=_("任期至 %(d)s。") % {"d": delegate_list.term_end.isoformat()},
        url=reverse("congress:my-delegacy"),
        school=delegate_list.school,
    )


@transaction.atomic
def delegate_list_confirm(
    *,
    actor: User,
    delegate_list: DelegateList,
    expected_version: int | None,
    now: datetime.datetime | None = None,
) -> bool:
    """The notice's end has passed with no open objection: the list is confirmed and the
    delegates' term starts. The union or the advisor confirms from the page; the worker
    (system actor) does it for every list whose end passed. False when not yet due."""
    now = now or timezone.now()
    name = "end-notice" if getattr(actor, "is_system", False) else "confirm"
    delegate_list = _begin(actor, delegate_list, name, expected_version)
    if not notice_run_out(delegate_list, now):
        if name == "end-notice":
            return False
        assert delegate_list.notice_ends_at is not None
        raise DomainError(
            _("公示期至 %(t)s 结束，结束后才能确认名单。")
            % {"t": _local(delegate_list.notice_ends_at)},
            field="state",
        )
    _confirm(delegate_list, actor, now)
    return True


@transaction.atomic
def delegate_notice_reschedule(*, actor: User, delegate_list: DelegateList) -> bool:
    """A running notice's end counted again after its year's holidays were entered."""
    authorize(actor, "workdays.manage_calendar")
    delegate_list = lock(delegate_list, None, related=RELATED)
    if delegate_list.state != S.NOTICE or delegate_list.notice_ends_at is None:
        return False
    before, after = delegate_list.notice_ends_at, notice_recount(delegate_list)
    if after == before:
        return False
    delegate_list.notice_ends_at = after
    delegate_list.save(update_fields=["notice_ends_at"])  # not a step: same version
    _record(
        actor,
        delegate_list,
        "congress.delegates.rescheduled",
        **{"from": before.isoformat(), "to": after.isoformat()},
    )
    return True
