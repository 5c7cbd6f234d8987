"""Background work of the congress (tongxin worker), one block per part."""

import datetime

from django_tasks import task

from tongxin.core.periodic import PeriodicJob, register

# --- sessions ---------------------------------------------------------------------------
# Remind each union and its advisor before its congress is due (every 6 hours; once per
# due date, CongressLine.reminded_for). Overdue unions need no job: the supervisors' pages
# read them from the index on due_on.


@task()
def remind_due_congresses() -> int:
    from django.utils import timezone

    from tongxin.accounts.services import system_actor

    from .services import lines_remind

    return lines_remind(actor=system_actor(), on=timezone.localdate())


register(
    PeriodicJob(
        name="congress-remind-due", every=datetime.timedelta(hours=6), task=remind_due_congresses
    )
)

# --- delegates --------------------------------------------------------------------------
DELEGATE_BATCH = 200


@task()
def confirm_noticed_delegate_lists() -> int:
    """Lists whose notice ended without an open objection are confirmed (every 15 minutes)."""
    from django.utils import timezone

    from tongxin.accounts.services import system_actor
    from tongxin.workflow.notice.period import run_out_notices

    from .models import DelegateList
    from .services.delegates import delegate_list_confirm

    actor, now, confirmed = system_actor(), timezone.now(), 0
    due = run_out_notices(DelegateList, now).values_list("pk", flat=True)[:DELEGATE_BATCH]
    for pk in due:
        if delegate_list_confirm(
            actor=actor, delegate_list=DelegateList(pk=pk), expected_version=None, now=now
        ):
            confirmed += 1
    return confirmed


register(
    PeriodicJob(
        name="congress-confirm-delegate-lists",
        every=datetime.timedelta(minutes=15),
        task=confirm_noticed_delegate_lists,
    )
)

# --- rating -----------------------------------------------------------------------------
