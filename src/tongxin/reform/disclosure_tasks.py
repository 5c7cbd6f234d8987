"""The worker's part of the disclosure (公示): once a day, close every disclosure whose
last working day has passed (services/disclosure.py, as the system actor)."""

import datetime

from django_tasks import task

from tongxin.accounts.services import system_actor
from tongxin.core.periodic import PeriodicJob, register

from .services.disclosure import disclosure_close_due


@task()
def close_disclosures() -> int:
    """Close the disclosures past their window; returns how many closed."""
    return disclosure_close_due(actor=system_actor())


register(
    PeriodicJob(
        name="reform-disclosure-close", every=datetime.timedelta(hours=1), task=close_disclosures
    )
)
