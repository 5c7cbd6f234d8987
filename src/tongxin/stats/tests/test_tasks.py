"""The worker's side: both jobs are registered, run, and the command folds everything."""

import datetime
import io

import pytest
from django.core.management import call_command

from tongxin.core.periodic import jobs
from tongxin.stats import tasks
from tongxin.stats.fold import fold_rights_activity
from tongxin.stats.models import DailyRollup, WeeklyReport

from .conftest import Week
from .factories import at

pytestmark = pytest.mark.django_db


def test_the_jobs_are_registered_with_their_periods() -> None:
    registered = {job.name: job.every for job in jobs()}
    assert registered["stats-fold"] == datetime.timedelta(minutes=5)
    assert registered["stats-weekly-reports"] == datetime.timedelta(hours=1)


def test_the_tasks_run(week: Week) -> None:
    tasks.fold_rollups.call()
    assert DailyRollup.objects.exists()
    assert tasks.build_weekly_reports.call() == 3  # the week of the fake now: 03-03
    assert WeeklyReport.objects.filter(week_start=datetime.date(2025, 3, 3)).count() == 3


def test_the_command_folds_everything_and_can_rebuild(week: Week) -> None:
    out = io.StringIO()
    call_command("stats_fold", stdout=out)
    assert "已汇总" in out.getvalue()
    before = list(
        DailyRollup.objects.order_by("school", "day", "category").values_list(
            "school", "day", "category", "received", "first_reply_met"
        )
    )
    call_command("stats_fold", "--rebuild", stdout=io.StringIO())
    after = list(
        DailyRollup.objects.order_by("school", "day", "category").values_list(
            "school", "day", "category", "received", "first_reply_met"
        )
    )
    assert before == after
    assert fold_rights_activity(now=at(3, 10, 9)).events == 0


def test_no_report_is_built_from_rollups_that_lag_behind(week: Week, monkeypatch) -> None:
    monkeypatch.setattr(tasks, "CATCH_UP_RUNS", 0)
    assert tasks.build_due_reports(now=at(3, 10, 9)) == 0
    assert not WeeklyReport.objects.exists()
