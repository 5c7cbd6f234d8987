"""A proposal's reply deadline (答复期限) and its clock, on the shared clocks.

The committee picks the deadline when it refers a proposal (DOMAIN.md §5, local practice):
    simple   ──► the end of the last working day of the month it is referred in
    complex  ──► the end of the last working day of the next month
    workdays ──► the end of the n-th working day after the referral
A month whose last working day has already passed when the proposal is referred (referred
on a Saturday the 30th) gives the next month's. The further reply owed after a first 不满意
gets a new deadline of the same kind, counted from the rating.

Two clock kinds, because the shared clocks count either working days or a named moment:
`congress.proposal_reply` (a month's end) and `congress.proposal_reply_days` (working days).
Their ladder: a reminder to the lead office two working days before, the office again when
it falls due, the school's advisor when it is overdue three working days.
"""

import calendar
import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from tongxin.accounts.models import Membership, Role, User
from tongxin.workdays.calendar import end_of_day, is_workday, local_zone
from tongxin.workflow.clocks.kinds import ClockKind, Duration, Ladder, Rung, Until, Workdays
from tongxin.workflow.referral.selectors import handlers_of

from .proposal_models import DeadlineKind, Proposal

MONTH_END_CLOCK = "congress.proposal_reply"
WORKDAYS_CLOCK = "congress.proposal_reply_days"
ADVISOR_AFTER_WORKDAYS = 3


def last_workday_of_month(year: int, month: int) -> datetime.date:
    day = datetime.date(year, month, calendar.monthrange(year, month)[1])
    while not is_workday(day):
        day -= datetime.timedelta(days=1)
    return day


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def month_end_after(start: datetime.datetime, months_ahead: int) -> datetime.datetime:
    """The end of the last working day of start's month (+ months_ahead); a month whose
    last working day lies before start's day counts from the next month."""
    day = start.astimezone(local_zone()).date()
    year, month = day.year, day.month
    if last_workday_of_month(year, month) < day:
        year, month = _next_month(year, month)
    for _i in range(months_ahead):
        year, month = _next_month(year, month)
    return end_of_day(last_workday_of_month(year, month))


def reply_duration(
    kind: str, workdays: int | None, start: datetime.datetime
) -> tuple[str, Duration]:
    """The clock kind and duration of a reply deadline of `kind`, counted from `start`."""
    if kind == DeadlineKind.WORKDAYS:
        if not workdays:
            raise ValueError("a working-day deadline needs its number of days")
        return WORKDAYS_CLOCK, Workdays(workdays)
    months_ahead = 1 if kind == DeadlineKind.COMPLEX else 0
    return MONTH_END_CLOCK, Until(month_end_after(start, months_ahead))


def _lead_office_handlers(proposal: Proposal) -> list[User]:
    return handlers_of([proposal.lead_office_id])


def _advisors(proposal: Proposal) -> list[User]:
    members = Membership.objects.active().filter(node_id=proposal.school_id, role=Role.ADVISOR)
    return [m.user for m in members.select_related("user")]


def _page(proposal: Proposal) -> str:
    from django.urls import reverse

    return reverse("congress:proposal-detail", args=[proposal.pk])


LADDER = Ladder(
    [
        Rung(1, -2, _lead_office_handlers, _("两个工作日后到期，请及时答复"), _page),
        Rung(2, 0, _lead_office_handlers, _("已到期，请尽快答复"), _page),
        Rung(
            3,
            ADVISOR_AFTER_WORKDAYS,
            _advisors,
            _("逾期 3 个工作日，已报校团委督办"),
            _page,
        ),
    ]
)


def _stored(proposal: Proposal) -> Duration:
    """A running clock's duration, read back from the proposal (a recount on a newly
    entered calendar, the generators)."""
    start = proposal.referred_at or proposal.created_at
    return reply_duration(proposal.deadline_kind, proposal.deadline_workdays, start)[1]


def _subject(proposal: Proposal) -> str:
    return f"提案《{proposal.title}》"


def _escalated(step: Any) -> None:
    """The handling part's hook: a timeline line beside the kernel's audit and notices."""
    from .services.proposal_handling import proposal_escalated

    proposal_escalated(step)


KINDS = [
    ClockKind(
        name=MONTH_END_CLOCK,
        label=_("提案答复"),
        duration=_stored,
        ladder=LADDER,
        unit="date",
        subject=_subject,
        on_escalate=_escalated,
    ),
    ClockKind(
        name=WORKDAYS_CLOCK,
        label=_("提案答复"),
        duration=_stored,
        ladder=LADDER,
        unit="workdays",
        subject=_subject,
        on_escalate=_escalated,
    ),
]
