"""The public disclosure (公示) of a school's self-assessment, each write authorized,
validated and audited in one transaction, with its line on the assessment's timeline.

    (none) ── disclosure_open: the school's advisor, every union's sheet school-checked
              ──► open (opens today, closes after N working days of the year's calendar)
    open ── disclosure_close: the worker (system actor) once closes_on has passed ──► closed

While open, the school's students and teachers comment through the shared comments piece
(COMMENTABLE "reform.disclosure"); the advisor approves or hides each comment before it
appears. The window, the comments and the moderation decisions stay with the assessment.
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import Role
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.workdays.calendar import nth_workday_after

from .. import disclosure_selectors as selectors
from ..models import Disclosure, DisclosureState, ReviewStep, SchoolAssessment

__all__ = [
    "disclosure_close",
    "disclosure_close_due",
    "disclosure_open",
    "disclosure_reschedule",
    "window_of",
]


def window_of(opens_on: datetime.date, workdays: int) -> datetime.date:
    """The last day of a disclosure opened on `opens_on`: the N-th working day after it
    (the opening day is only partly served), holidays and make-up days respected."""
    return nth_workday_after(opens_on, workdays)


def _lock(assessment: SchoolAssessment, expected_version: int | None) -> SchoolAssessment:
    locked = SchoolAssessment.objects.select_for_update().select_related("school")
    fresh = locked.get(pk=assessment.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleObject(_("该校改革自评已被他人修改，请刷新后重试。"))
    return fresh


def _check_ready(assessment: SchoolAssessment) -> None:
    if Disclosure.objects.filter(assessment=assessment).exists():
        raise DomainError(_("该学年的改革自评已经公示，不能重复公示。"))
    if not selectors.has_sheets(assessment):
        raise DomainError(_("该学年尚无学生会自评表，不能公示。"))
    waiting = selectors.sheets_not_checked(assessment)
    if waiting:
        raise DomainError(
            _("以下学生会的自评表尚未经校团委审核，不能公示：%(names)s。")
            % {"names": "、".join(waiting)}
        )


@transaction.atomic
def disclosure_open(
    *,
    actor: Any,
    assessment: SchoolAssessment,
    expected_version: int | None,
    show_names: bool = False,
    today: datetime.date | None = None,
) -> Disclosure:
    """The advisor publishes the school's tables of the year for N working days."""
    authorize(actor, "reform.open_disclosure", assessment)
    assessment = _lock(assessment, expected_version)
    _check_ready(assessment)
    opens_on = today or timezone.localdate()
    workdays = selectors.disclosure_workdays(assessment.academic_year)
    disclosure = Disclosure.objects.create(
        assessment=assessment,
        school_id=assessment.school_id,
        workdays=workdays,
        opens_on=opens_on,
        closes_on=window_of(opens_on, workdays),
        show_names=bool(show_names),
        opened_by=actor,
    )
    _step(assessment, actor, "disclosure-open", _("公示开始"))
    audit.record(
        actor=actor,
        action="reform.disclosure.opened",
        target=disclosure,
        data={
            "assessment": assessment.pk,
            "year": assessment.academic_year,
            "workdays": workdays,
            "opens_on": opens_on.isoformat(),
            "closes_on": disclosure.closes_on.isoformat(),
            "show_names": disclosure.show_names,
        },
        role=Role.ADVISOR,
    )
    return disclosure


def _step(assessment: SchoolAssessment, actor: Any, action: str, label: str) -> None:
    ReviewStep.objects.create(
        assessment=assessment,
        school_id=assessment.school_id,
        action=action,
        label=label,
        actor=actor,
    )


@transaction.atomic
def disclosure_close(
    *, actor: Any, disclosure: Disclosure, today: datetime.date | None = None
) -> bool:
    """Close a disclosure whose last day has passed (the worker, as the system actor);
    False when it is not due or already closed (nothing written)."""
    if not getattr(actor, "is_system", False):
        raise NotAllowed(_("公示期满后由系统自动结束。"))
    fresh = (
        Disclosure.objects.select_for_update().select_related("assessment").get(pk=disclosure.pk)
    )
    today = today or timezone.localdate()
    if fresh.state != DisclosureState.OPEN or fresh.closes_on >= today:
        return False
    fresh.state = DisclosureState.CLOSED
    fresh.save(update_fields=["state"])
    _step(fresh.assessment, actor, "disclosure-close", _("公示期满"))
    audit.record(
        actor=actor,
        action="reform.disclosure.closed",
        target=fresh,
        data={"assessment": fresh.assessment_id, "closes_on": fresh.closes_on.isoformat()},
    )
    return True


def disclosure_close_due(*, actor: Any, today: datetime.date | None = None) -> int:
    """The worker's pass: close every open disclosure past its last day, each in its own
    transaction; returns how many closed."""
    today = today or timezone.localdate()
    closed = 0
    for pk in selectors.due_to_close(today):
        disclosure = Disclosure(pk=pk)
        closed += disclosure_close(actor=actor, disclosure=disclosure, today=today)
    return closed


@transaction.atomic
def disclosure_reschedule(*, actor: Any, disclosure: Disclosure) -> bool:
    """An open disclosure's last day counted again after its year's holidays were entered
    (workdays/deadlines.py; the actor is the admin who entered them); False when it closed
    meanwhile or its last day stays (nothing written)."""
    authorize(actor, "workdays.manage_calendar")
    fresh = (
        Disclosure.objects.select_for_update().select_related("assessment").get(pk=disclosure.pk)
    )
    before, after = fresh.closes_on, window_of(fresh.opens_on, fresh.workdays)
    if fresh.state != DisclosureState.OPEN or after == before:
        return False
    fresh.closes_on = after
    fresh.save(update_fields=["closes_on"])
    label = _("公示截止日调整为%(day)s") % {"day": after.isoformat()}
    _step(fresh.assessment, actor, "disclosure-reschedule", label[:40])
    audit.record(
        actor=actor,
        action="reform.disclosure.rescheduled",
        target=fresh,
        data={"before": before.isoformat(), "after": after.isoformat()},
    )
    return True
