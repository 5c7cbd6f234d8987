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

from ..models import Clock, Issue, IssueClock
from ..settings import settings_for
from .clocks import due_for
from .common import record, tell
from .escalation import holders


def clock_recount(clock: IssueClock) -> datetime.datetime:
    """The clock's deadline under the calendar as it stands now."""
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
    clock.save(update_fields=["due_at"])
    if issue.due_at == before:
        issue.due_at = after
        issue.save(update_fields=["due_at", "updated_at"])  # not a transition: no new version
    text = _("节假日安排录入后，%(clock)s期限由 %(before)s 调整为 %(after)s。") % {
        "clock": Clock(clock.clock).label,
        "before": _day(before),
        "after": _day(after),
    }
    record(
        actor,
        issue,
        kind="rescheduled",
        text=text,
        data={"clock": clock.clock, "from": before.isoformat(), "to": after.isoformat()},
    )
    tell(holders(issue), issue, _("【期限调整】%(t)s") % {"t": issue.title}, text)
    return clock


def _day(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d")
