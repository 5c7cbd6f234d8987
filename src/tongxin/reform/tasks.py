"""Background work of the self-assessment: the nightly pass keeps this academic year's
computed verdicts current for every union of the province (pages read the stored results,
never recompute)."""

import datetime

from django.utils import timezone
from django_tasks import task

from tongxin.accounts.services import system_actor
from tongxin.core.periodic import PeriodicJob, register
from tongxin.staff.calendar import academic_year_of

from . import disclosure_tasks  # noqa: F401  (registers the disclosure's closing job)
from .models import Catalogue
from .services.rectification import rectification_recheck
from .services.results import results_refresh
from .services.review_calendar import review_remind


@task()
def refresh_this_year() -> int:
    """Recompute every catalogue of the running academic year; returns the unions computed."""
    actor, year, computed = system_actor(), academic_year_of(timezone.localdate()), 0
    for catalogue in Catalogue.objects.filter(academic_year=year):
        computed += results_refresh(actor=actor, catalogue=catalogue).unions
    return computed


register(
    PeriodicJob(name="reform-refresh", every=datetime.timedelta(hours=24), task=refresh_this_year)
)


# --- issue 17: the public disclosure (公示) ---


# --- issue 17: rating, feedback letter, rectification (part G) ----------------------------


@task()
def recheck_rectification() -> int:
    """Close the open rectification items of every year whose computed indicator passes on
    today's facts (the nightly pass above covers this year's locked schools only)."""
    return rectification_recheck(actor=system_actor())


register(
    PeriodicJob(
        name="reform-rectification",
        every=datetime.timedelta(hours=24),
        task=recheck_rectification,
    )
)


# --- issue 17: the review chain (part E) ---------------------------------------------------
@task()
def remind_review_deadlines() -> int:
    """Remind each level whose review deadline is near and has not finished (once each)."""
    return review_remind(actor=system_actor())


register(
    PeriodicJob(
        name="reform-review-remind",
        every=datetime.timedelta(hours=24),
        task=remind_review_deadlines,
    )
)
