"""The worker's one clock job: every registered clock model, every 5 minutes.

    clocks-escalate ──► for each app's clock model: overdue_runs ──► clock_escalate (one rung)

An app with clocks imports this module from its own `tasks.py` (the worker discovers those),
so the job is registered once whichever app comes first.
"""

import datetime

from django.utils import timezone
from django_tasks import task

from tongxin.core.periodic import PeriodicJob, register

from .kinds import registered
from .services import clock_escalate, overdue_runs


@task()
def escalate_clocks() -> int:
    """Raise every overdue run of every registered clock model by the rung it reached."""
    from tongxin.accounts.services import system_actor

    actor, now, raised = system_actor(), timezone.now(), 0
    for entry in registered():
        for pk in overdue_runs(entry.model, now):
            run = entry.model()  # the id is enough: clock_escalate reads the row itself
            run.pk = pk
            if clock_escalate(actor=actor, run=run, now=now):
                raised += 1
    return raised


JOB = register(
    PeriodicJob(name="clocks-escalate", every=datetime.timedelta(minutes=5), task=escalate_clocks)
)
