"""Background work of the rights desk: escalation every 5 minutes, auto-close of unrated issues."""

import datetime

from django.utils import timezone
from django_tasks import task

from tongxin.core.periodic import PeriodicJob, register


@task()
def escalate_overdue() -> int:
    from tongxin.accounts.services import system_actor

    from .models import IssueClock
    from .services import clock_escalate, overdue_clocks

    actor, now, raised = system_actor(), timezone.now(), 0
    for pk in overdue_clocks(now):
        if clock_escalate(actor=actor, clock=IssueClock(pk=pk), now=now):
            raised += 1
    return raised


@task()
def close_unrated() -> int:
    from tongxin.accounts.services import system_actor

    from .models import Issue, Status
    from .services import issue_auto_close

    actor, now, closed = system_actor(), timezone.now(), 0
    # Seven days is the default; a school with a shorter setting is caught by the 1-day floor.
    candidates = Issue.objects.filter(
        status=Status.FED_BACK, fed_back_at__lte=now - datetime.timedelta(days=1)
    )
    for pk in candidates.order_by("fed_back_at").values_list("pk", flat=True)[:500]:
        if issue_auto_close(actor=actor, issue=Issue(pk=pk), now=now):
            closed += 1
    return closed


register(
    PeriodicJob(name="rights-escalate", every=datetime.timedelta(minutes=5), task=escalate_overdue)
)
register(
    PeriodicJob(name="rights-close-unrated", every=datetime.timedelta(hours=1), task=close_unrated)
)


@task()
def announce_submitted(issue_id: int) -> None:
    """After a submission commits: the similar-issues index and the officers' notifications."""
    from django.db import transaction

    from .models import Issue
    from .services import issue_announce

    issue = Issue.objects.select_related("school").filter(pk=issue_id).first()
    if issue is not None:
        with transaction.atomic():
            issue_announce(issue)
