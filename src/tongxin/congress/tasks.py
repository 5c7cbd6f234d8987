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

# --- rating -----------------------------------------------------------------------------
