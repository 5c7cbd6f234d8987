"""Deadline clocks. Each transition stops the running clock and may start the next one:

submit ──► first_reply (24 h)          accept/return/reopen ──► decide (3 working days)
start/refer ──► answer (5, urgent 2)   answer ──► feedback (1 working day)
"""

import datetime

from django.utils import timezone

from tongxin.workdays.calendar import due_after_workdays

from ..models import Clock, Issue, IssueClock, RightsSettings


def workdays_for(clock: str, issue: Issue, cfg: RightsSettings) -> int | None:
    """How many working days `clock` runs for (None: the first-reply clock counts hours)."""
    if clock == Clock.FIRST_REPLY:
        return None
    if clock == Clock.DECIDE:
        return cfg.decide_workdays
    if clock == Clock.ANSWER:
        return cfg.urgent_answer_workdays if issue.is_urgent else cfg.answer_workdays
    return cfg.feedback_workdays


def due_for(
    clock: str, started: datetime.datetime, issue: Issue, cfg: RightsSettings
) -> datetime.datetime:
    days = workdays_for(clock, issue, cfg)
    if days is None:
        return started + datetime.timedelta(hours=cfg.first_reply_hours)
    return due_after_workdays(started, days)


def stop_running(issue: Issue, now: datetime.datetime, *, cancelled: bool = False) -> None:
    """Stop the open clock. `cancelled` (a withdrawal) marks a clock not yet due as never due."""
    running = IssueClock.objects.filter(issue=issue, stopped_at__isnull=True)
    if cancelled:
        running.filter(due_at__gt=now).update(stopped_at=now, cancelled=True)
    running.update(stopped_at=now)
    issue.due_at = None
    issue.escalation_level = 0


def start(
    issue: Issue, clock: str, cfg: RightsSettings, now: datetime.datetime | None = None
) -> IssueClock:
    """Stop whatever runs and start `clock`; the issue's due badge follows it."""
    now = now or timezone.now()
    stop_running(issue, now)
    run = IssueClock.objects.create(
        issue=issue,
        school_id=issue.school_id,
        clock=clock,
        started_at=now,
        due_at=due_for(clock, now, issue, cfg),
        workdays=workdays_for(clock, issue, cfg),
    )
    issue.due_at = run.due_at
    return run


def record_started(issue: Issue, clock: str, now: datetime.datetime) -> IssueClock:
    """The run of `clock` for an issue just created with `due_at` already set (nothing runs
    yet, so there is nothing to stop and the issue needs no second write)."""
    if issue.due_at is None:
        raise ValueError("set the issue's due_at before inserting it")
    return IssueClock.objects.create(
        issue=issue, school_id=issue.school_id, clock=clock, started_at=now, due_at=issue.due_at
    )
