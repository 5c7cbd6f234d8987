"""The rights desk's deadline clocks, on the shared clocks (tongxin.workflow.clocks).
Each transition stops the running clock and may start the next one:

submit ──► first_reply (24 h)          accept/return/reopen ──► decide (3 working days)
start/refer ──► answer (5, urgent 2)   answer ──► feedback (1 working day)

The kinds below are registered in registers.py; their lengths are the school's settings.
"""

import datetime
from typing import cast

from django.utils import timezone

from tongxin.workflow.clocks.kinds import ClockKind, Duration, Hours, Workdays, due_of
from tongxin.workflow.clocks.services import clock_start, clock_stop, new_run

from ..models import Clock, Issue, IssueClock, RightsSettings
from ..settings import settings_for
from .escalation import LADDER, issue_escalated
from .rescheduling import issue_rescheduled


def workdays_for(clock: str, issue: Issue, cfg: RightsSettings) -> int | None:
    """How many working days `clock` runs for (None: the first-reply clock counts hours)."""
    if clock == Clock.FIRST_REPLY:
        return None
    if clock == Clock.DECIDE:
        return cfg.decide_workdays
    if clock == Clock.ANSWER:
        return cfg.urgent_answer_workdays if issue.is_urgent else cfg.answer_workdays
    return cfg.feedback_workdays


def duration_for(clock: str, issue: Issue, cfg: RightsSettings) -> Duration:
    days = workdays_for(clock, issue, cfg)
    return Hours(cfg.first_reply_hours) if days is None else Workdays(days)


def due_for(
    clock: str, started: datetime.datetime, issue: Issue, cfg: RightsSettings
) -> datetime.datetime:
    return due_of(duration_for(clock, issue, cfg), started)


def _kind(clock: Clock) -> ClockKind:
    def duration(issue: Issue) -> Duration:
        return duration_for(clock, issue, settings_for(issue.school_id))

    return ClockKind(
        name=f"rights.{clock.value}",
        label=clock.label,
        duration=duration,
        ladder=LADDER,
        on_escalate=issue_escalated,
        on_recount=issue_rescheduled,
        unit="hours" if clock == Clock.FIRST_REPLY else "workdays",
    )


KINDS = [_kind(clock) for clock in Clock]


def stop_running(issue: Issue, now: datetime.datetime, *, cancelled: bool = False) -> None:
    """Stop the open clock. `cancelled` (a withdrawal) marks a clock not yet due as never due."""
    clock_stop(issue, model=IssueClock, now=now, cancelled=cancelled)


def start(
    issue: Issue, clock: str, cfg: RightsSettings, now: datetime.datetime | None = None
) -> IssueClock:
    """Stop whatever runs and start `clock`; the issue's due badge follows it."""
    run = clock_start(
        issue,
        f"rights.{clock}",
        now=now or timezone.now(),
        duration=duration_for(clock, issue, cfg),
    )
    return cast(IssueClock, run)


def record_started(issue: Issue, clock: str, now: datetime.datetime) -> IssueClock:
    """The run of `clock` for an issue just created with `due_at` already set (nothing runs
    yet, so there is nothing to stop and the issue needs no second write)."""
    if issue.due_at is None:
        raise ValueError("set the issue's due_at before inserting it")
    run = cast(IssueClock, new_run(issue, f"rights.{clock}", started_at=now, due_at=issue.due_at))
    run.save(force_insert=True)
    return run
