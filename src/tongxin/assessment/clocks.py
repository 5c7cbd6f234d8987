"""The round's scoring deadline (评分时限) as a clock kind of the shared clocks
(tongxin.workflow.clocks), registered in registers.py:

    round_open ──► "assessment.rating" runs until the end of the deadline day
        1 working day before that day ──► level 1: the raters still behind are reminded
        the day has passed ──► level 2: whoever opened the round and the advisors: close it
    round_close ──► the clock stops

The deadline is a date the advisor chooses, not a count of working days: the clock never
pauses or moves with the calendar. Both rungs go through the kernel's own writer (an audit
event "assessment.rating.escalated" on the round and the notices).
"""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tongxin.workdays.calendar import end_of_day
from tongxin.workflow.clocks.kinds import ClockKind, Clocks, Duration, Ladder, Rung, Until

from . import selectors
from .models import RoundClock


def _until_deadline(round_: Any) -> Duration:
    return Until(end_of_day(round_.deadline))


def _subject(round_: Any) -> str:
    return f"{round_.union.name}{round_.term_label}述职评议"


def _rating_list(round_: Any) -> str:
    return reverse("assessment:rating-list")


def _round_page(round_: Any) -> str:
    return reverse("assessment:round-detail", args=[round_.pk])


RATING = ClockKind(
    name="assessment.rating",
    label=_("评分"),
    duration=_until_deadline,
    ladder=Ladder(
        [
            Rung(1, -1, selectors.raters_behind_of, _("将至，请尽快完成评分"), _rating_list),
            Rung(2, 0, selectors.round_owners_of, _("已过，请结束评议并计分"), _round_page),
        ]
    ),
    unit="date",
    subject=_subject,
)
CLOCKS = [Clocks(RoundClock, kinds=[RATING])]
