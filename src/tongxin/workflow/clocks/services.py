"""Every write to a clock run, for every app: start, stop, pause, resume, escalate, recount.

    clock_start(owner, kind) ──► running ──clock_stop──► stopped (met or late; cancelled)
                                 running ──clock_pause──► paused (owes its working days)
                                 paused ──clock_resume──► running (due after what it owed)
    running, past a rung ──clock_escalate──► level + 1 (the kind's hook: timeline, audit, told)
    calendar year saved ──clock_reschedule──► running, due on the real calendar

A transition calls start/stop/pause/resume inside its own transaction after locking its
owner; the kernel sets the owner's copies of the deadline (`owner_due_field`) and the
caller saves them with its step. The worker's escalation and the calendar's recount lock
the owner first and the run second — the order every transition takes — so the two never
wait on each other in opposite orders.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.workdays.calendar import due_after_workdays, local_zone, workdays_between

from ..steps import tell
from .kinds import (
    ClockKind,
    Clocks,
    Duration,
    Rung,
    Workdays,
    clocks_of,
    due_of,
    horizon,
    kind_named,
)
from .models import ClockRun


@dataclass(frozen=True)
class Escalation:
    """What the kind's `on_escalate` hook writes: the owner (locked), the run (at `level`
    already) and the owner's fields the kernel changed, for the hook's save."""

    actor: Any
    owner: Any
    run: ClockRun
    kind: ClockKind
    level: int
    now: datetime.datetime
    owner_fields: tuple[str, ...]

    @property
    def rung(self) -> Rung:
        return self.kind.ladder.rung(self.level)

    @property
    def text(self) -> str:
        return self.kind.text(self.level)

    @property
    def is_top(self) -> bool:
        return self.level == self.kind.ladder.top

    def recipients(self) -> list[Any]:
        return self.rung.recipients(self.owner)


@dataclass(frozen=True)
class Recount:
    """What the kind's `on_recount` hook writes after a deadline moved with the calendar."""

    actor: Any
    owner: Any
    run: ClockRun
    kind: ClockKind
    before: datetime.datetime
    after: datetime.datetime


def _kind(kind: ClockKind | str) -> tuple[Clocks, ClockKind]:
    return kind_named(kind if isinstance(kind, str) else kind.name)


def _owner_model(model: type[ClockRun]) -> type[models.Model]:
    related = model._meta.get_field(model.owner_field).related_model
    assert isinstance(related, type)
    return related


def _set_owner(
    model: type[ClockRun], owner: Any, due: datetime.datetime | None, level: int
) -> None:
    if model.owner_due_field:
        setattr(owner, model.owner_due_field, due)
    if model.owner_level_field:
        setattr(owner, model.owner_level_field, level)


def owner_fields(model: type[ClockRun]) -> tuple[str, ...]:
    """The owner's columns the kernel sets (the caller's step saves them)."""
    return tuple(f for f in (model.owner_due_field, model.owner_level_field) if f)


def _open(model: type[ClockRun], owner: Any) -> "models.QuerySet[ClockRun]":
    return model._default_manager.filter(
        **{model.owner_field: owner.pk, "stopped_at__isnull": True}
    )


def new_run(
    owner: Any,
    kind: ClockKind | str,
    *,
    started_at: datetime.datetime,
    due_at: datetime.datetime,
    workdays: int | None = None,
) -> ClockRun:
    """An unsaved run (the generators' bulk writers and `clock_start` build it alike)."""
    entry, found = _kind(kind)
    model = entry.model
    return model(
        **{
            model.owner_field: owner,
            "school_id": owner.school_id,
            model.kind_field: found.code,
            "started_at": started_at,
            "due_at": due_at,
            "workdays": workdays,
        }
    )


def clock_start(
    owner: Any,
    kind: ClockKind | str,
    *,
    now: datetime.datetime | None = None,
    duration: Duration | None = None,
    first: bool = False,
) -> ClockRun:
    """Stop the owner's running clock and start `kind` (its duration read from the owner
    unless the caller, holding the settings already, passes it). `first`: the owner was
    just inserted and nothing runs yet."""
    now = now or timezone.now()
    entry, found = _kind(kind)
    if not first:
        clock_stop(owner, model=entry.model, now=now)
    duration = duration if duration is not None else found.duration(owner)
    if isinstance(duration, Workdays) != (found.unit == "workdays"):
        raise ValueError(f"{found.name} counts {found.unit}, not {duration!r}")
    run = new_run(
        owner,
        found,
        started_at=now,
        due_at=due_of(duration, now),
        workdays=duration.n if isinstance(duration, Workdays) else None,
    )
    run.save(force_insert=True)
    _set_owner(entry.model, owner, run.due_at, 0)
    return run


def clock_stop(
    owner: Any,
    *,
    model: type[ClockRun],
    now: datetime.datetime | None = None,
    cancelled: bool = False,
) -> int:
    """Stop the owner's open clock (running or paused). `cancelled` (a withdrawal) marks
    one not yet due as never due.

    A paused run falls due for nobody: its `due_at` is still the deadline of the stretch
    before the pause, which says nothing about now. So a cancelling stop cancels a paused
    run whatever that old deadline was (never counted as missed, `met` None), and a plain
    stop (the step was done while the clock waited) counts it as met: it still owed at
    least one working day, and it gets the deadline those days give from the stop (what
    resuming would have set), so `stopped_at <= due_at` reads met wherever it is counted."""
    now = now or timezone.now()
    running = _open(model, owner)
    stopped = 0
    if cancelled:
        stopped = running.filter(Q(due_at__gt=now) | Q(paused_at__isnull=False)).update(
            stopped_at=now, cancelled=True
        )
    else:
        for run in running.filter(paused_at__isnull=False).select_for_update():
            run.due_at = due_after_workdays(now, run.workdays_left or 1)
            run.stopped_at = now
            run.save(update_fields=["due_at", "stopped_at"])
            stopped += 1
    stopped += running.update(stopped_at=now)
    _set_owner(model, owner, None, 0)
    return stopped


def days_owed(run: ClockRun, paused: datetime.datetime) -> int:
    """Working days a clock paused at `paused` still owes: its stretch's days less the full
    working days served strictly between the stretch's start day and the pause day (the
    pause day was only partly served, as the start day was not counted) — at least one."""
    start, days = run.segment()
    if days is None:
        raise ValueError("only a clock counting working days pauses")
    zone = local_zone()
    first, pause_day = start.astimezone(zone).date(), paused.astimezone(zone).date()
    served = 0
    if pause_day > first:
        served = workdays_between(first, pause_day - datetime.timedelta(days=1))
    return max(1, days - served)


def clock_pause(
    owner: Any, *, model: type[ClockRun], now: datetime.datetime | None = None
) -> ClockRun | None:
    """Pause the owner's running clock (None: nothing runs); it stops falling due."""
    now = now or timezone.now()
    run = _open(model, owner).filter(paused_at__isnull=True).select_for_update().first()
    if run is None:
        return None
    run.workdays_left, run.paused_at = days_owed(run, now), now
    run.save(update_fields=["workdays_left", "paused_at"])
    _set_owner(model, owner, None, run.escalation_level)
    return run


def clock_resume(
    owner: Any, *, model: type[ClockRun], now: datetime.datetime | None = None
) -> ClockRun | None:
    """Run the paused clock again: due at the end of the owed-th working day after today."""
    now = now or timezone.now()
    run = _open(model, owner).filter(paused_at__isnull=False).select_for_update().first()
    if run is None or run.workdays_left is None:
        return None
    run.due_at = due_after_workdays(now, run.workdays_left)
    run.paused_at, run.resumed_at, run.escalation_level = None, now, 0
    run.save(update_fields=["due_at", "paused_at", "resumed_at", "escalation_level"])
    _set_owner(model, owner, run.due_at, 0)
    return run


def overdue_runs(model: type[ClockRun], now: datetime.datetime, limit: int = 500) -> list[int]:
    """Running clocks a rung may concern now: past due, or within the earliest reminder's
    working days of it (indexed on open clocks' due_at)."""
    entry = clocks_of(model)
    return list(
        model._default_manager.filter(
            stopped_at__isnull=True,
            paused_at__isnull=True,
            due_at__lte=horizon(entry.lead, now),
            escalation_level__lt=entry.top,
        )
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )


def _next_level(entry: Clocks, run: ClockRun, now: datetime.datetime) -> int:
    """The level `run` climbs to now (0: none) — one rung per call, however late."""
    if not run.is_running:
        return 0
    ladder = entry.kind(run.kind_code).ladder
    if run.escalation_level >= ladder.level_at(run.due_at, now):
        return 0
    return run.escalation_level + 1


@transaction.atomic
def clock_escalate(*, actor: Any, run: ClockRun, now: datetime.datetime | None = None) -> int:
    """Raise a run by one rung when one is due; return the new level (0: nothing).
    A read without locks decides first, so runs already on their rung lock nothing."""
    now = now or timezone.now()
    model = type(run)
    entry = clocks_of(model)
    rows = model._default_manager
    seen = rows.filter(pk=run.pk).first()
    if seen is None or not _next_level(entry, seen, now):
        return 0
    owner = _owner_model(model)._default_manager.select_for_update().get(pk=seen.owner_pk)
    run = rows.select_for_update().get(pk=run.pk)
    level = _next_level(entry, run, now)
    if not level:
        return 0
    run.escalation_level = level
    run.save(update_fields=["escalation_level"])
    if model.owner_level_field:
        setattr(owner, model.owner_level_field, level)
    kind = entry.kind(run.kind_code)
    fields = (model.owner_level_field,) if model.owner_level_field else ()
    step = Escalation(actor, owner, run, kind, level, now, fields)
    (kind.on_escalate or _escalated)(step)
    return level


def _escalated(step: Escalation) -> None:
    """A kind without a hook: save the owner's copy, audit, tell the rung's recipients."""
    if step.owner_fields:
        step.owner.save(update_fields=list(step.owner_fields))
    audit.record(
        actor=step.actor,
        action=f"{step.kind.name}.escalated",
        target=step.owner,
        data={"clock": step.kind.code, "level": step.level},
    )
    before = step.rung.overdue_workdays < 0
    title = _("【提醒】%(o)s") if before else _("【督办】%(o)s")
    tell(
        step.recipients(),
        verb=f"{step.kind.name}.escalated",
        title=title % {"o": step.kind.subject(step.owner)},
        body=step.text,
        url=step.rung.page(step.owner) if step.rung.page else "",
        school=getattr(step.owner, "school", None),
    )


def clock_recount(run: ClockRun, owner: Any = None) -> datetime.datetime:
    """The run's deadline under the calendar as it stands now, for the working days its
    stretch counts (runs stored without them: the kind's duration from today's settings)."""
    entry = clocks_of(type(run))
    kind = entry.kind(run.kind_code)
    if kind.unit != "workdays" or not run.is_running:
        return run.due_at
    start, days = run.segment()
    if days is None:
        duration = kind.duration(owner if owner is not None else getattr(run, run.owner_field))
        if not isinstance(duration, Workdays):
            return run.due_at
        days = duration.n
    return due_after_workdays(start, days)


@transaction.atomic
def clock_reschedule(*, actor: Any, run: ClockRun) -> ClockRun | None:
    """Store the recounted deadline of a running working-day clock; None when it stopped
    or paused meanwhile, or its deadline does not change. Not a transition: the owner's
    version stays, so an open form stays valid."""
    authorize(actor, "workdays.manage_calendar")
    model = type(run)
    owner = _owner_model(model)._default_manager.select_for_update().get(pk=run.owner_pk)
    run = model._default_manager.select_for_update().get(pk=run.pk)
    before, after = run.due_at, clock_recount(run, owner)
    if after == before:
        return None
    run.due_at = after
    # A deadline moved past now is not overdue any more: the ladder starts again from 0 if
    # it runs out later (whoever the top rung involved stays involved).
    fields = ["due_at"]
    if after > timezone.now() and run.escalation_level:
        run.escalation_level = 0
        fields.append("escalation_level")
    run.save(update_fields=fields)
    if model.owner_due_field and getattr(owner, model.owner_due_field) == before:
        _set_owner(model, owner, after, run.escalation_level)
        touched = [f.name for f in owner._meta.concrete_fields if getattr(f, "auto_now", False)]
        owner.save(update_fields=[*owner_fields(model), *touched])
    kind = clocks_of(model).kind(run.kind_code)
    (kind.on_recount or _recounted)(Recount(actor, owner, run, kind, before, after))
    return run


def _recounted(step: Recount) -> None:
    audit.record(
        actor=step.actor,
        action=f"{step.kind.name}.rescheduled",
        target=step.owner,
        data={"from": step.before.isoformat(), "to": step.after.isoformat()},
    )
