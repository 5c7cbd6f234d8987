"""A clock's deadline counted again after the federation admin entered its year's holidays.

    open clock, due counted Mon–Fri ──clock_reschedule──► same clock, due on the real calendar

The first-reply clock counts hours, not working days, and never moves. See
workdays/deadlines.py for when this runs.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import User
from tongxin.core.authz import authorize
from tongxin.workdays.calendar import due_after_workdays

from ..models import Clock, Issue, IssueClock
from ..settings import settings_for
from .clocks import due_for
from .common import (
    record_issue_step,
    tell_about_issue,
)
from .escalation import holders


def clock_recount(clock: IssueClock) -> datetime.datetime:
    """The clock's deadline under the calendar as it stands now, for the working days it was
    started with (clocks from before those were kept: the school's settings)."""
    if clock.workdays is not None:
        return due_after_workdays(clock.started_at, clock.workdays)
    return due_for(clock.clock, clock.started_at, clock.issue, settings_for(clock.school_id))


@transaction.atomic
def clock_reschedule(*, actor: User, clock: IssueClock) -> IssueClock | None:
    """Store the recounted deadline of an open working-day clock; None when the clock
    stopped meanwhile or its deadline does not change."""
    authorize(actor, "workdays.manage_calendar")
    issue = Issue.objects.select_for_update().get(pk=clock.issue_id)
    clock = IssueClock.objects.select_related("issue").get(pk=clock.pk)
    if clock.stopped_at is not None or clock.clock == Clock.FIRST_REPLY:
        return None
    before, after = clock.due_at, clock_recount(clock)
    if after == before:
        return None
    clock.due_at = after
    # A deadline moved past now is not overdue any more: escalation starts again from 0 if it
    # runs out later (a city federation already involved stays involved).
    fields = ["due_at"]
    if after > timezone.now() and clock.escalation_level:
        clock.escalation_level = 0
        fields.append("escalation_level")
    clock.save(update_fields=fields)
    if issue.due_at == before:
        issue.due_at, issue.escalation_level = after, clock.escalation_level
        # Not a transition: no new version, so an officer's open form stays valid.
        issue.save(update_fields=["due_at", "escalation_level", "updated_at"])
    text = _("节假日安排录入后，%(clock)s期限由 %(before)s 调整为 %(after)s。") % {
        "clock": Clock(clock.clock).label,
        "before": _day(before),
        "after": _day(after),
    }
    record_issue_step(
        actor,
        issue,
        kind="rescheduled",
        text=text,
        data={"clock": clock.clock, "from": before.isoformat(), "to": after.isoformat()},
    )
    tell_about_issue(holders(issue), issue, _("【期限调整】%(t)s") % {"t": issue.title}, text)
    return clock


def _day(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d")
