"""The notice period on a `Noticed` object: open, pause, resume, run out, close, recount.

    notice_open(obj, n, now) ──► running (ends at the n-th working day's end)
    running ──notice_pause(obj, now)──► paused (owed days kept, no end)
    paused ──notice_resume(obj, now)──► running (ends after the owed days)
    running ──(its end passes: notice_run_out)──► the app ends it ──notice_close(obj)──► closed

Each function changes fields of the object and returns their names; the app sets its own
state, then saves (`save_step(obj, "state", *fields)`), so the change, the version and the
app's timeline line and audit event share the app's transaction. None of them saves.
"""

import datetime
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from tongxin.core.errors import DomainError

from .days import days_owed, notice_end
from .models import Noticed

OPENED = (
    "notice_workdays",
    "notice_started_at",
    "notice_resumed_at",
    "notice_days_left",
    "notice_ends_at",
    "notice_paused_at",
)
SEGMENT = ("notice_resumed_at", "notice_days_left", "notice_ends_at", "notice_paused_at")


def _segment(obj: Noticed, days: int, now: datetime.datetime) -> tuple[str, ...]:
    """Start (or resume) a segment of the notice owing `days` working days."""
    obj.notice_resumed_at, obj.notice_days_left = now, days
    obj.notice_ends_at, obj.notice_paused_at = notice_end(now, days), None
    return SEGMENT


def notice_open(obj: Noticed, workdays: int, now: datetime.datetime) -> tuple[str, ...]:
    """公示 of `workdays` working days from `now`."""
    if workdays < 1:
        raise ValueError("a notice runs at least one working day")
    obj.notice_workdays, obj.notice_started_at = workdays, now
    _segment(obj, workdays, now)
    return OPENED


def notice_pause(obj: Noticed, now: datetime.datetime) -> tuple[str, ...]:
    """An objection stops the clock: the days still owed are kept, the end is cleared.
    A notice already paused is refused and left as it is: counting again from the paused
    segment's start would take the days served before the first pause off the days owed
    a second time (an app pauses on the first objection only)."""
    if obj.notice_resumed_at is None or obj.notice_days_left is None:
        raise ValueError("only a running notice can be paused")
    if obj.notice_paused_at is not None:
        raise DomainError(_("公示已暂停，不能重复暂停。"))
    owed = days_owed(obj.notice_days_left, obj.notice_resumed_at, now)
    obj.notice_paused_at, obj.notice_days_left, obj.notice_ends_at = now, owed, None
    return SEGMENT


def notice_resume(obj: Noticed, now: datetime.datetime) -> tuple[str, ...]:
    """Every objection answered and none upheld: the owed days run from `now`."""
    return _segment(obj, obj.notice_days_left or 1, now)


def notice_close(obj: Noticed) -> tuple[str, ...]:
    """The notice stops for good (its end passed, or the object was closed otherwise): no
    pause stays open; what was served stays on record."""
    obj.notice_paused_at = None
    return ("notice_paused_at",)


def notice_running(obj: Noticed) -> bool:
    """The app's state says the notice runs (not paused, not ended)."""
    return bool(getattr(obj, obj.notice_state_field) == obj.notice_running_state)


def notice_run_out(obj: Noticed, now: datetime.datetime) -> bool:
    """A notice still marked running whose end has passed: the next step (the worker, or the
    app's own next step) ends it, and pages already say it has ended."""
    return notice_running(obj) and obj.notice_ends_at is not None and now > obj.notice_ends_at


def notice_recount(obj: Noticed) -> datetime.datetime:
    """When the running segment ends under the calendar as it stands now."""
    if obj.notice_resumed_at is None or obj.notice_days_left is None:
        raise ValueError("only a running notice has an end to count")
    return notice_end(obj.notice_resumed_at, obj.notice_days_left)


def running_notices(model: type[Noticed]) -> "models.QuerySet[Any]":
    """The model's rows whose notice runs now (for the worker and the deadline recount)."""
    return model._default_manager.filter(
        Q(**{model.notice_state_field: model.notice_running_state}), notice_ends_at__isnull=False
    )


def run_out_notices(model: type[Noticed], now: datetime.datetime) -> "models.QuerySet[Any]":
    """Running notices whose end has passed, soonest first: the worker closes them."""
    return running_notices(model).filter(notice_ends_at__lt=now).order_by("notice_ends_at", "id")
