"""Background work of the congress (tongxin worker), one block per part."""

import datetime

from django_tasks import task

from tongxin.core.periodic import PeriodicJob, register

# --- sessions ---------------------------------------------------------------------------

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
