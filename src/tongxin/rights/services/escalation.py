"""Reminders and escalation (督办) by the worker, every 5 minutes.

    clock runs out ──► level 1: remind the holder
    1 working day later ──► level 2: the union's presidium
    2 working days ──► level 3: the school's league advisor
    3 working days ──► level 4: the city federation (which may now open the issue)

Escalation adds supervisors and notifications; the holder stays the same.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tongxin.accounts.models import User
from tongxin.workdays.calendar import local_zone, workdays_between
from tongxin.workflow.steps import save_step

from ..models import Clock, Issue, IssueClock, Status
from .common import (
    advisors,
    city_staff,
    office_handlers,
    record_issue_step,
    tell_about_issue,
    union_officers,
)

MAX_LEVEL = 4


def target_level(due_at: datetime.datetime, now: datetime.datetime) -> int:
    if now <= due_at:
        return 0
    zone = local_zone()
    overdue_days = workdays_between(due_at.astimezone(zone).date(), now.astimezone(zone).date())
    return min(MAX_LEVEL, 1 + overdue_days)


def holders(issue: Issue) -> list[User]:
    if issue.status == Status.REFERRED and issue.lead_office_id:
        return office_handlers([issue.lead_office_id])
    if issue.assignee_id:
        return [issue.assignee] if issue.assignee else []
    return union_officers(issue)


def _recipients(issue: Issue, level: int) -> list[User]:
    if level == 1:
        return holders(issue)
    if level == 2:
        return union_officers(issue, presidium_only=True)
    if level == 3:
        return advisors(issue)
    return city_staff(issue)


LEVEL_TEXT = {
    1: gettext_lazy("已到期，请尽快办理"),
    2: gettext_lazy("逾期 1 个工作日，已报学生会主席团"),
    3: gettext_lazy("逾期 2 个工作日，已报校团委"),
    4: gettext_lazy("逾期 3 个工作日，已报市学联督办"),
}


@transaction.atomic
def clock_escalate(*, actor: User, clock: IssueClock, now: datetime.datetime | None = None) -> int:
    """Raise an overdue clock by one level when due; return the new level (0: nothing)."""
    now = now or timezone.now()
    clock = (
        IssueClock.objects.select_for_update()
        .select_related("issue", "issue__school")
        .get(pk=clock.pk)
    )
    if clock.stopped_at is not None or clock.escalation_level >= target_level(clock.due_at, now):
        return 0
    level = clock.escalation_level + 1
    clock.escalation_level = level
    clock.save(update_fields=["escalation_level"])
    issue = Issue.objects.select_for_update().get(pk=clock.issue_id)
    issue.escalation_level = level
    fields = ["escalation_level"]
    if level == MAX_LEVEL:
        issue.escalated_to_city = True
        fields.append("escalated_to_city")
    save_step(issue, *fields)
    label = Clock(clock.clock).label
    text = f"{label}时限{LEVEL_TEXT[level]}"
    record_issue_step(
        actor,
        issue,
        kind="reminded" if level == 1 else "escalated",
        text=text,
        internal=True,
        data={"clock": clock.clock, "level": level},
    )
    tell_about_issue(
        _recipients(issue, level), issue, _("【督办】%(t)s") % {"t": issue.title}, text
    )
    return level


def overdue_clocks(now: datetime.datetime, limit: int = 500) -> list[int]:
    """Open clocks past due whose level may need raising (indexed on open clocks' due_at)."""
    return list(
        IssueClock.objects.filter(
            stopped_at__isnull=True, due_at__lt=now, escalation_level__lt=MAX_LEVEL
        )
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )
