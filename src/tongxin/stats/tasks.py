"""Background work of the statistics: the fold every 5 minutes, the weekly reports hourly
(each school's report for the previous week is built once, from Monday 08:00 on)."""

import datetime

from django.utils import timezone
from django_tasks import task

from tongxin.core.periodic import PeriodicJob, register

REPORTS_PER_RUN = 500
CATCH_UP_RUNS = 20


def _caught_up(now: datetime.datetime) -> bool:
    """Fold until nothing is left; False if a large backlog remains (the next run goes on)."""
    from .fold import fold_rights_activity

    for _ in range(CATCH_UP_RUNS):
        result = fold_rights_activity(now=now)
        if result.events == 0 and result.clocks == 0:
            return True
    return False


def build_due_reports(*, now: datetime.datetime | None = None, limit: int = REPORTS_PER_RUN) -> int:
    """Fold first (so Sunday is counted), then build every missing report of the week due;
    never from rollups that have not caught up."""
    from tongxin.accounts.services import system_actor

    from .periods import week_due
    from .selectors import schools_without_report
    from .services import weekly_report_build

    now = now or timezone.now()
    if not _caught_up(now):
        return 0
    week_start, actor, built = week_due(now), system_actor(), 0
    for school in schools_without_report(week_start, limit):
        if weekly_report_build(actor=actor, school=school, week_start=week_start, now=now):
            built += 1
    return built


@task()
def fold_rollups() -> int:
    from .fold import fold_rights_activity

    result = fold_rights_activity()
    return result.events + result.clocks


@task()
def build_weekly_reports() -> int:
    return build_due_reports()


register(PeriodicJob(name="stats-fold", every=datetime.timedelta(minutes=5), task=fold_rollups))
register(
    PeriodicJob(
        name="stats-weekly-reports", every=datetime.timedelta(hours=1), task=build_weekly_reports
    )
)
