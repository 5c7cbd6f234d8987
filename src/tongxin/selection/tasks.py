"""Background work of selection: close notices whose end has passed (every 15 minutes).

The worker only ends the notice (公示期满) and tells the advisors; the appointment itself
is confirmed by an advisor, whose authority staff's officer_appoint checks.
"""

import datetime

from django.utils import timezone
from django_tasks import task

from tongxin.core.periodic import PeriodicJob, register

BATCH = 500


@task()
def end_due_notices() -> int:
    from tongxin.accounts.services import system_actor
    from tongxin.workflow.notice.period import run_out_notices

    from .models import Candidacy
    from .services import candidacy_end_notice

    actor, now, ended = system_actor(), timezone.now(), 0
    due = run_out_notices(Candidacy, now)
    for pk in due.values_list("pk", flat=True)[:BATCH]:
        if candidacy_end_notice(actor=actor, candidacy=Candidacy(pk=pk), now=now):
            ended += 1
    return ended


register(
    PeriodicJob(
        name="selection-end-notices", every=datetime.timedelta(minutes=15), task=end_due_notices
    )
)
