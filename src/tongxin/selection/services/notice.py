"""The public notice (公示) and objections (异议) of a candidacy, on the shared piece
(tongxin.workflow.notice: the working-day period and the objection table); here only
the permission, the lock, the candidacy's state, its timeline, audit events and who is told.

decided (presidium) | reviewed (department) ──publish──► notice (n working days)
notice ──objection──► paused ──all objections dismissed──► notice (owed days resume)
paused ──objection upheld──► rejected
notice ──end passes (worker, or the advisor's appoint)──► notice ended
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from tongxin.accounts.models import User
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.workdays.calendar import local_zone
from tongxin.workflow.notice.period import (
    notice_close,
    notice_open,
    notice_pause,
    notice_recount,
    notice_resume,
    notice_run_out,
)
from tongxin.workflow.steps import lock, save_step

from ..machine import CANDIDACY, OBJECTIONS
from ..models import Candidacy, Objection, ObjectionStatus, State, Step
from ..selectors import settings_for
from .closing import reject
from .common import (
    CANDIDACY_RELATED,
    describe,
    now_or,
    record_candidacy_step,
    tell_about_candidacy,
    tell_advisors,
    tell_candidate,
    tell_secretaries,
)

# The timeline's kind of each resolution in the objection table.
ANSWERED = {"dismiss": Step.DISMISSED, "uphold": Step.UPHELD}


def _local(moment: datetime.datetime) -> str:
    return moment.astimezone(local_zone()).strftime("%Y-%m-%d %H:%M")


@transaction.atomic
def candidacy_publish(
    *,
    actor: User,
    candidacy: Candidacy,
    expected_version: int,
    now: datetime.datetime | None = None,
) -> Candidacy:
    """公示 for the school's configured number of working days (default 5)."""
    authorize(actor, "selection.publish_candidacy", candidacy)
    now = now_or(now)
    candidacy = lock(candidacy, expected_version, related=CANDIDACY_RELATED)
    if candidacy.is_presidium and candidacy.state == State.REVIEWED:
        raise DomainError(_("主席团候选人须先由校党委决定，才能公示。"), field="state")
    CANDIDACY.require(candidacy, "publish")
    days = settings_for(candidacy.school_id).notice_workdays
    candidacy.state = State.NOTICE
    save_step(candidacy, "state", *notice_open(candidacy, days, now))
    assert candidacy.notice_ends_at is not None
    text = _("公示期 %(n)d 个工作日，至 %(t)s 结束。") % {
        "n": days,
        "t": _local(candidacy.notice_ends_at),
    }
    record_candidacy_step(
        actor,
        candidacy,
        kind=Step.PUBLISHED,
        action="selection.candidacy.published",
        now=now,
        text=text,
        data={"workdays": days},
    )
    tell_candidate(candidacy, _("您作为%(d)s人选开始公示") % {"d": describe(candidacy)}, text)
    tell_secretaries(candidacy, _("%(n)s开始公示") % {"n": candidacy.candidate.real_name})
    return candidacy


def _pause(candidacy: Candidacy, actor: User, now: datetime.datetime) -> None:
    candidacy.state = State.PAUSED
    save_step(candidacy, "state", *notice_pause(candidacy, now))
    owed = candidacy.notice_days_left
    text = _("公示暂停，待异议处理完毕后继续，尚需公示 %(n)d 个工作日。") % {"n": owed}
    record_candidacy_step(
        actor,
        candidacy,
        kind=Step.PAUSED,
        action="selection.candidacy.paused",
        now=now,
        text=text,
        data={"days_left": owed},
    )


@transaction.atomic
def objection_lodge(
    *, actor: User, candidacy: Candidacy, text: str, now: datetime.datetime | None = None
) -> Objection:
    """异议: any student of the school, during the notice. The first one pauses it."""
    authorize(actor, "selection.object_to_candidacy", candidacy)
    now = now_or(now)
    candidacy = lock(candidacy, None, related=CANDIDACY_RELATED)
    CANDIDACY.require(candidacy, "object")
    objection = OBJECTIONS.lodge(noticed=candidacy, author=actor, text=text, now=now)
    body = objection.text
    record_candidacy_step(
        actor,
        candidacy,
        kind=Step.OBJECTED,
        action=OBJECTIONS.audit_action("lodge"),
        now=now,
        text=body,
        restricted=True,
        target=objection,
    )
    if candidacy.state == State.NOTICE:
        _pause(candidacy, actor, now)
    tell_advisors(
        candidacy, _("%(n)s的公示收到异议，请核查答复") % {"n": candidacy.candidate.real_name}
    )
    tell_candidate(candidacy, _("您的公示收到异议，正在核查，公示暂停"))
    return objection


def _resume(candidacy: Candidacy, actor: User, now: datetime.datetime) -> None:
    candidacy.state = State.NOTICE
    save_step(candidacy, "state", *notice_resume(candidacy, now))
    days = candidacy.notice_days_left
    assert candidacy.notice_ends_at is not None
    text = _("异议处理完毕，公示恢复，尚需 %(n)d 个工作日，至 %(t)s 结束。") % {
        "n": days,
        "t": _local(candidacy.notice_ends_at),
    }
    record_candidacy_step(
        actor,
        candidacy,
        kind=Step.RESUMED,
        action="selection.candidacy.resumed",
        now=now,
        text=text,
        data={"days_left": days},
    )
    tell_candidate(candidacy, _("您的公示已恢复"), text)


@transaction.atomic
def objection_resolve(
    *,
    actor: User,
    objection: Objection,
    expected_version: int,
    upheld: bool,
    answer: str,
    now: datetime.datetime | None = None,
) -> Objection:
    """The advisor answers in writing: upheld rejects the candidacy; dismissed lets the notice
    resume once no objection is open."""
    candidacy = objection.candidacy
    authorize(actor, "selection.resolve_objection", candidacy)
    now = now_or(now)
    candidacy = lock(candidacy, expected_version, related=CANDIDACY_RELATED)
    CANDIDACY.require(candidacy, "resolve")
    objection, step = OBJECTIONS.answer(
        noticed=candidacy,
        objection=objection,
        outcome=ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED,
        answer=answer,
        by=actor,
        now=now,
    )
    written = objection.answer
    record_candidacy_step(
        actor,
        candidacy,
        kind=ANSWERED[step.name],
        action=OBJECTIONS.audit_action(step.name),
        now=now,
        text=written,
        restricted=True,
        target=objection,
    )
    tell_about_candidacy(
        [objection.author],
        candidacy,
        _("您提出的异议已答复"),
        written,
        url=reverse("selection:notice"),
    )
    if upheld:
        reject(candidacy, actor, _("公示期间的异议经核实成立：%(a)s") % {"a": written}, now)
    elif not OBJECTIONS.open_of(candidacy).exists():
        _resume(candidacy, actor, now)
    return objection


def end_notice_if_due(candidacy: Candidacy, actor: User, now: datetime.datetime) -> bool:
    """Close a (locked) notice whose end has passed; tell the advisors to confirm."""
    if not notice_run_out(candidacy, now):
        return False
    candidacy.state = State.NOTICE_ENDED
    save_step(candidacy, "state", *notice_close(candidacy))
    record_candidacy_step(
        actor,
        candidacy,
        kind=Step.NOTICE_ENDED,
        action="selection.candidacy.notice_ended",
        now=now,
        text=_("公示期满，无未处理的异议。"),
    )
    tell_advisors(candidacy, _("%(n)s公示期满，请确认任命") % {"n": candidacy.candidate.real_name})
    return True


@transaction.atomic
def candidacy_end_notice(
    *, actor: User, candidacy: Candidacy, now: datetime.datetime | None = None
) -> bool:
    """The worker (system actor) closes notices whose end has passed; False if not due."""
    if not getattr(actor, "is_system", False):
        authorize(actor, "selection.appoint_candidacy", candidacy)
    candidacy = lock(candidacy, None, related=CANDIDACY_RELATED)
    return end_notice_if_due(candidacy, actor, now_or(now))


@transaction.atomic
def notice_reschedule(*, actor: User, candidacy: Candidacy) -> Candidacy | None:
    """A running notice's end counted again after its year's holidays were entered (see
    workdays/deadlines.py); None when the notice stopped meanwhile or its end stays."""
    authorize(actor, "workdays.manage_calendar")
    candidacy = lock(candidacy, None, related=CANDIDACY_RELATED)
    if candidacy.state != State.NOTICE or candidacy.notice_ends_at is None:
        return None
    before, after = candidacy.notice_ends_at, notice_recount(candidacy)
    if after == before:
        return None
    candidacy.notice_ends_at = after
    candidacy.save(update_fields=["notice_ends_at", "updated_at"])  # not a step: same version
    text = _("节假日安排录入后，公示结束时间由 %(before)s 调整为 %(after)s。") % {
        "before": _local(before),
        "after": _local(after),
    }
    record_candidacy_step(
        actor,
        candidacy,
        kind=Step.RESCHEDULED,
        action="selection.candidacy.rescheduled",
        now=now_or(None),
        text=text,
        data={"from": before.isoformat(), "to": after.isoformat()},
    )
    tell_candidate(candidacy, _("公示期限调整"), text)
    tell_advisors(candidacy, _("%(n)s的公示期限调整") % {"n": candidacy.candidate.real_name})
    return candidacy
