"""What the rights desk writes when a clock's deadline moved with a late-entered calendar
(the shared recount, tongxin.workflow.clocks, calls it for each moved clock):

    open clock, due counted Mon–Fri ──clock_reschedule──► same clock, due on the real calendar
        ──► issue_rescheduled: timeline line, audit event, the holder told

The first-reply clock counts hours, not working days, and never moves.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.workflow.clocks.services import Recount

from ..models import Issue
from .common import record_issue_step, tell_about_issue
from .escalation import holders


def issue_rescheduled(step: Recount) -> None:
    issue: Issue = step.owner
    text = _("节假日安排录入后，%(clock)s期限由 %(before)s 调整为 %(after)s。") % {
        "clock": step.kind.label,
        "before": _day(step.before),
        "after": _day(step.after),
    }
    record_issue_step(
        step.actor,
        issue,
        kind="rescheduled",
        text=text,
        data={
            "clock": step.kind.code,
            "from": step.before.isoformat(),
            "to": step.after.isoformat(),
        },
    )
    tell_about_issue(holders(issue), issue, _("【期限调整】%(t)s") % {"t": issue.title}, text)


def _day(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d")
