"""Background work of the rights desk: auto-close of unrated issues; its clocks' reminders
and escalation run in the shared clocks-escalate job (tongxin.workflow.clocks.tasks)."""

import datetime

from django.utils import timezone
from django_tasks import task

from tongxin.core.periodic import PeriodicJob, register
from tongxin.workflow.clocks import tasks as clock_tasks  # noqa: F401 — registers the clock job


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
