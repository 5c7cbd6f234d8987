"""Reminders and escalation (督办) of the rights desk's clocks: its ladder on the shared
clocks (tongxin.workflow.clocks), climbed by the worker's clocks-escalate job.

    clock runs out ──► level 1: remind the holder
    1 working day later ──► level 2: the union's presidium
    2 working days ──► level 3: the school's league advisor
    3 working days ──► level 4: the city federation (which may now open the issue)

Escalation adds supervisors and notifications; the holder stays the same.
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tongxin.accounts.models import User
from tongxin.workflow.clocks import services as shared
from tongxin.workflow.clocks.kinds import Ladder, Rung
from tongxin.workflow.steps import save_step

from ..models import Issue, IssueClock, Status
from .common import (
    advisors,
    city_staff,
    office_handlers,
    record_issue_step,
    tell_about_issue,
    union_officers,
)

MAX_LEVEL = 4


def holders(issue: Issue) -> list[User]:
    if issue.status == Status.REFERRED and issue.lead_office_id:
        return office_handlers([issue.lead_office_id])
    if issue.assignee_id:
        return [issue.assignee] if issue.assignee else []
    return union_officers(issue)


def presidium(issue: Issue) -> list[User]:
    return union_officers(issue, presidium_only=True)


LEVEL_TEXT = {
    1: gettext_lazy("已到期，请尽快办理"),
    2: gettext_lazy("逾期 1 个工作日，已报学生会主席团"),
    3: gettext_lazy("逾期 2 个工作日，已报校团委"),
    4: gettext_lazy("逾期 3 个工作日，已报市学联督办"),
}
LADDER = Ladder(
    [
        Rung(1, 0, holders, LEVEL_TEXT[1]),
        Rung(2, 1, presidium, LEVEL_TEXT[2]),
        Rung(3, 2, advisors, LEVEL_TEXT[3]),
        Rung(MAX_LEVEL, 3, city_staff, LEVEL_TEXT[4]),
    ]
)


def target_level(due_at: datetime.datetime, now: datetime.datetime) -> int:
    return LADDER.level_at(due_at, now)


def issue_escalated(step: shared.Escalation) -> None:
    """The kernel raised a clock of `step.owner` (locked): the issue's level and version,
    its timeline line and audit event, and the rung's people told."""
    issue: Issue = step.owner
    fields = list(step.owner_fields)
    if step.is_top:
        issue.escalated_to_city = True
        fields.append("escalated_to_city")
    save_step(issue, *fields)
    record_issue_step(
        step.actor,
        issue,
        kind="reminded" if step.level == 1 else "escalated",
        text=step.text,
        internal=True,
        data={"clock": step.kind.code, "level": step.level},
    )
    title = _("【督办】%(t)s") % {"t": issue.title}
    tell_about_issue(step.recipients(), issue, title, step.text)


def clock_escalate(*, actor: User, clock: IssueClock, now: datetime.datetime | None = None) -> int:
    """Raise an overdue clock by one level when due; return the new level (0: nothing)."""
    return shared.clock_escalate(actor=actor, run=clock, now=now)


def overdue_clocks(now: datetime.datetime, limit: int = 500) -> list[int]:
    """Open clocks past due whose level may need raising (indexed on open clocks' due_at)."""
    return shared.overdue_runs(IssueClock, now, limit)
