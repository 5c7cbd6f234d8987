"""Periodic jobs, enqueued by `tongxin worker` once per (job, period).

Apps add jobs with `register(PeriodicJob(...))` in their `tasks.py`; the worker imports
every app's `tasks` module at start-up.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .models import PeriodicRun


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: datetime.timedelta
    task: Any  # a django_tasks Task; enqueued with no arguments

    def period_of(self, now: datetime.datetime) -> str:
        seconds = int(self.every.total_seconds())
        start = int(now.timestamp()) // seconds * seconds
        return datetime.datetime.fromtimestamp(start, tz=datetime.UTC).strftime("%Y%m%dT%H%M%S")


_JOBS: dict[str, PeriodicJob] = {}


def register(job: PeriodicJob) -> PeriodicJob:
    _JOBS[job.name] = job
    return job


def jobs() -> list[PeriodicJob]:
    autodiscover_modules("tasks")
    return sorted(_JOBS.values(), key=lambda j: j.name)


def enqueue_due(
    now: datetime.datetime | None = None, enqueue: Callable[[PeriodicJob], Any] | None = None
) -> list[str]:
    """Enqueue every job whose current period has not run yet; return their names."""
    now = now or timezone.now()
    started = []
    for job in jobs():
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(job=job.name, period=job.period_of(now))
                (enqueue or (lambda j: j.task.enqueue()))(job)
        except IntegrityError:
            continue  # another worker took this period
        started.append(job.name)
    return started
