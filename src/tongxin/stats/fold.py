"""The fold: new rights activity ──► rollups, run by the worker every 5 minutes.

    IssueEvent (id > watermark, older than the lag) ──► transitions, ratings,
                                                        time to first reply / to answer
    IssueClock (due instant in (watermark, now - lag]) ──► deadlines due, met
    counts per (school, local day) ──► DailyRollup, DurationBucket
              summed per local month ──► MonthlyRollup, MonthlyDurationBucket

    rollups_reset:   any rollups ──► none, watermark at the start
    rollups_rebuild: any rollups ──► everything up to now - lag folded in one pass,
                                     watermark where the regular fold would have left it

Each batch reads from the stored watermark, adds to the rollups and moves the watermark
in one transaction, under a row lock on the watermark: running the fold twice, or in two
workers at once, never counts anything twice.

Why a lag: on PostgreSQL an event id is taken at insert but becomes visible at commit, so
a higher id can be seen before a lower one; reading only events older than a couple of
minutes (and stopping at the first younger one) never steps over one still in flight. A
clock is judged once, when its due instant has passed: stopped by then is met, anything
else is missed, and neither can change afterwards.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from tongxin.rights.models import Clock, IssueClock, IssueEvent
from tongxin.workdays.calendar import local_zone

from .buckets import bucket_of
from .models import CLOCKS, FoldWatermark, Metric
from .tables import (
    DAILY,
    DAY_BUCKETS,
    MONTH_BUCKETS,
    MONTHLY,
    TABLES,
    Increments,
    Table,
    add_into,
    by_month,
    create,
)

FOLD_LAG = datetime.timedelta(minutes=2)
BATCH = 2000
MAX_BATCHES = 25  # per run; a backlog continues on the next run
CHUNK = 20_000  # events or clocks per fetch of the rebuild
WATERMARK = "rights"

KIND_FIELDS = {
    "submitted": "received",
    "accepted": "accepted",
    "declined": "declined",
    "merged": "merged",
    "withdrawn": "withdrawn",
    "referred": "referred",
    "answered": "answered",
    "answer_approved": "answered",
    "reopened": "reopened",
    "rated": "closed",
    "auto_closed": "closed",
}
FIRST_REPLY_KINDS = {"accepted", "declined"}
ANSWER_KINDS = {"answered", "answer_approved"}
RATING_FIELDS = {
    "satisfied": "rated_satisfied",
    "basically": "rated_basically",
    "dissatisfied": "rated_dissatisfied",
}

RollupKey = tuple[int, datetime.date, int]  # school, local day, category
BucketKey = tuple[int, datetime.date, str, int]  # school, local day, metric, bucket


@dataclass(frozen=True)
class FoldResult:
    events: int
    clocks: int


def local_day(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(local_zone()).date()


def _hours(delta: datetime.timedelta) -> float:
    return delta.total_seconds() / 3600


class Tally:
    """Increments gathered in memory, then written with a few queries: added into the
    rows already there (the regular fold) or written as new rows (the rebuild)."""

    def __init__(self) -> None:
        self.rollups: dict[RollupKey, Counter[str]] = defaultdict(Counter)
        self.buckets: Counter[BucketKey] = Counter()

    def add(self, key: RollupKey, field: str) -> None:
        self.rollups[key][field] += 1

    def duration(self, school: int, day: datetime.date, metric: str, hours: float) -> None:
        self.buckets[(school, day, metric, bucket_of(hours))] += 1

    def tables(self) -> Iterator[tuple[Table, Increments]]:
        """The increments of each table: the daily rows and, summed by month, the monthly."""
        yield DAILY, self.rollups
        yield MONTHLY, by_month(self.rollups)
        yield DAY_BUCKETS, self.buckets
        yield MONTH_BUCKETS, by_month(self.buckets)

    def apply(self) -> None:
        for table, increments in self.tables():
            add_into(table, increments)

    def create(self) -> None:
        """Write as new rows: only into tables emptied in the same transaction."""
        for table, increments in self.tables():
            create(table, increments)


def _locked_watermark() -> FoldWatermark:
    """Every fold transaction starts here: it serialises folds, and on PostgreSQL turns JIT
    off for the transaction. JIT compiles the CASE of a bulk UPDATE and cannot be cancelled
    meanwhile (measured: an unbatched 50,000-event fold ran for over 50 minutes, ignoring
    pg_terminate_backend and blocking every DROP DATABASE on the server); the fold's
    statements are small and gain nothing from it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
    FoldWatermark.objects.get_or_create(name=WATERMARK)
    return FoldWatermark.objects.select_for_update().get(name=WATERMARK)


# --- events ----------------------------------------------------------------------------


def _answer_starts(issue_ids: set[int]) -> dict[int, list[datetime.datetime]]:
    starts: dict[int, list[datetime.datetime]] = defaultdict(list)
    if issue_ids:
        rows = IssueClock.objects.filter(issue_id__in=issue_ids, clock=Clock.ANSWER)
        for issue_id, started in rows.values_list("issue_id", "started_at"):
            starts[issue_id].append(started)
    return starts


def _answer_hours(starts: list[datetime.datetime], answered: datetime.datetime) -> float | None:
    """From the start of the answer clock that this answer stopped (the latest one)."""
    before = [s for s in starts if s <= answered]
    return _hours(answered - max(before)) if before else None


def _count_event(tally: Tally, row: Any, answer_starts: dict[int, Any]) -> None:
    kind, at, school = row.kind, row.created_at, row.school_id
    day = local_day(at)
    key = (school, day, row.issue__category_id)
    tally.add(key, KIND_FIELDS[kind])
    if kind in FIRST_REPLY_KINDS:
        tally.duration(school, day, Metric.FIRST_REPLY, _hours(at - row.issue__created_at))
    elif kind in ANSWER_KINDS:
        hours = _answer_hours(answer_starts.get(row.issue_id, []), at)
        if hours is not None:
            tally.duration(school, day, Metric.ANSWER, hours)
    elif kind == "rated" and row.issue__rating in RATING_FIELDS:
        tally.add(key, RATING_FIELDS[row.issue__rating])
    elif kind == "reopened":
        # The 不满意 that reopened the issue is a rating too (figures.py): without it the
        # page showed 不满意 0 and 满意率 100 % beside 不满意重办 1.
        tally.add(key, "rated_dissatisfied")
    elif kind == "auto_closed":
        tally.add(key, "rated_unrated")


def _count_events(tally: Tally, rows: list[Any], cutoff: datetime.datetime) -> list[Any]:
    """Count the rows before the first one younger than the lag (that one and everything
    after it wait for the next run); return the rows counted."""
    ready = []
    for row in rows:
        if row.created_at >= cutoff:
            break
        ready.append(row)
    answer_starts = _answer_starts({r.issue_id for r in ready if r.kind in ANSWER_KINDS})
    for row in ready:
        if row.kind in KIND_FIELDS:
            _count_event(tally, row, answer_starts)
    return ready


EVENT_FIELDS = (
    "id",
    "issue_id",
    "school_id",
    "kind",
    "created_at",
    "issue__category_id",
    "issue__created_at",
    "issue__rating",
)


def _events_after(event_id: int) -> QuerySet[IssueEvent, Any]:
    rows = IssueEvent.objects.filter(id__gt=event_id).order_by("id")
    return rows.values_list(*EVENT_FIELDS, named=True)


@transaction.atomic
def _fold_event_batch(cutoff: datetime.datetime, size: int) -> tuple[int, bool]:
    """Fold up to `size` events; return (events read, whether more may be waiting)."""
    mark = _locked_watermark()
    rows = list(_events_after(mark.last_event_id)[:size])
    tally = Tally()
    ready = _count_events(tally, rows, cutoff)
    if not ready:
        return 0, False
    tally.apply()
    mark.last_event_id = ready[-1].id
    mark.save(update_fields=["last_event_id", "updated_at"])
    return len(ready), len(ready) == size


# --- clocks ----------------------------------------------------------------------------

CLOCK_ROW_FIELDS = (
    "id",
    "school_id",
    "clock",
    "due_at",
    "stopped_at",
    "cancelled",
    "issue__category_id",
)


def _count_clock(tally: Tally, row: Any) -> None:
    if row.clock not in CLOCKS or row.cancelled:
        return
    key = (row.school_id, local_day(row.due_at), row.issue__category_id)
    tally.add(key, f"{row.clock}_due")
    if row.stopped_at is not None and row.stopped_at <= row.due_at:
        tally.add(key, f"{row.clock}_met")


def _clocks_due(cutoff: datetime.datetime, mark: FoldWatermark) -> QuerySet[IssueClock, Any]:
    """Clocks due after the watermark and by the cutoff, in (due instant, id) order
    (cancelled ones are read, and skipped when counted)."""
    clocks = IssueClock.objects.filter(due_at__lte=cutoff)
    if mark.clock_due_at is not None:
        clocks = clocks.filter(
            Q(due_at__gt=mark.clock_due_at) | Q(due_at=mark.clock_due_at, id__gt=mark.clock_id)
        )
    return clocks.order_by("due_at", "id").values_list(*CLOCK_ROW_FIELDS, named=True)


@transaction.atomic
def _fold_clock_batch(cutoff: datetime.datetime, size: int) -> tuple[int, bool]:
    mark = _locked_watermark()
    rows = list(_clocks_due(cutoff, mark)[:size])
    if not rows:
        return 0, False
    tally = Tally()
    for row in rows:
        _count_clock(tally, row)
    tally.apply()
    mark.clock_due_at, mark.clock_id = rows[-1].due_at, rows[-1].id
    mark.save(update_fields=["clock_due_at", "clock_id", "updated_at"])
    return len(rows), len(rows) == size


def fold_rights_activity(
    *, now: datetime.datetime | None = None, batch: int = BATCH, max_batches: int = MAX_BATCHES
) -> FoldResult:
    """Fold what happened since the last run into the rollups; safe to run any number of
    times (the watermark moves with the counts)."""
    cutoff = (now or timezone.now()) - FOLD_LAG
    totals = {"events": 0, "clocks": 0}
    for name, step in (("events", _fold_event_batch), ("clocks", _fold_clock_batch)):
        for _ in range(max_batches):
            count, more = step(cutoff, batch)
            totals[name] += count
            if not more:
                break
    return FoldResult(**totals)


# --- reset and rebuild -----------------------------------------------------------------


def _forget(mark: FoldWatermark) -> None:
    for table in TABLES:
        table.model.objects.all().delete()
    mark.last_event_id, mark.clock_due_at, mark.clock_id = 0, None, 0
    mark.save(update_fields=["last_event_id", "clock_due_at", "clock_id", "updated_at"])


@transaction.atomic
def rollups_reset() -> None:
    """Forget every rollup and the watermark; the next folds rebuild from the start
    (after a bulk load of past activity, e.g. the demo province)."""
    _forget(_locked_watermark())


def _chunks(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while chunk := list(islice(rows, size)):
        yield chunk


@transaction.atomic
def rollups_rebuild(*, now: datetime.datetime | None = None, chunk: int = CHUNK) -> int:
    """Forget the rollups and fold everything up to `now` again in one pass, as the
    regular fold would have folded it run by run; returns the events and clocks read.

    For a bulk load of past activity (the demo, the benchmark's province): every chunk
    counts into one tally (its size follows the rollup rows, not the events) that is
    written once, as new rows, instead of being added batch by batch into rows already
    written. One transaction: the pages see the old rollups or the new, never half."""
    cutoff = (now or timezone.now()) - FOLD_LAG
    mark = _locked_watermark()
    _forget(mark)
    tally = Tally()
    events = 0
    for rows in _chunks(_events_after(0).iterator(chunk_size=chunk), chunk):
        ready = _count_events(tally, rows, cutoff)
        events += len(ready)
        if ready:
            mark.last_event_id = ready[-1].id
        if len(ready) < len(rows):
            break
    clocks = 0
    for rows in _chunks(_clocks_due(cutoff, mark).iterator(chunk_size=chunk), chunk):
        for row in rows:
            _count_clock(tally, row)
        clocks += len(rows)
        mark.clock_due_at, mark.clock_id = rows[-1].due_at, rows[-1].id
    tally.create()
    mark.save(update_fields=["last_event_id", "clock_due_at", "clock_id", "updated_at"])
    return events + clocks
