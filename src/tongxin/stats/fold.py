"""The fold: new rights activity ──► rollups, run by the worker every 5 minutes.

    IssueEvent (id > watermark, older than the lag) ──► transitions, ratings,
                                                        time to first reply / to answer
    IssueClock (due instant in (watermark, now - lag]) ──► deadlines due, met

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
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tongxin.rights.models import Clock, IssueClock, IssueEvent
from tongxin.workdays.calendar import local_zone

from .buckets import bucket_of
from .models import CLOCKS, DailyRollup, DurationBucket, FoldWatermark, Metric

FOLD_LAG = datetime.timedelta(minutes=2)
BATCH = 2000
MAX_BATCHES = 25  # per run; a backlog continues on the next run
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
    """Increments gathered in memory, then written with a few queries."""

    def __init__(self) -> None:
        self.rollups: dict[RollupKey, Counter[str]] = defaultdict(Counter)
        self.buckets: Counter[BucketKey] = Counter()

    def add(self, key: RollupKey, field: str) -> None:
        self.rollups[key][field] += 1

    def duration(self, school: int, day: datetime.date, metric: str, hours: float) -> None:
        self.buckets[(school, day, metric, bucket_of(hours))] += 1

    def apply(self) -> None:
        _apply_rollups(self.rollups)
        _apply_buckets(self.buckets)


def _day_range(keys: Any) -> tuple[set[int], datetime.date, datetime.date]:
    schools = {k[0] for k in keys}
    days = [k[1] for k in keys]
    return schools, min(days), max(days)


def _apply_rollups(rollups: dict[RollupKey, Counter[str]]) -> None:
    if not rollups:
        return
    schools, first, last = _day_range(rollups)
    existing = {
        (r.school_id, r.day, r.category_id): r
        for r in DailyRollup.objects.filter(school_id__in=schools, day__range=(first, last))
    }
    new, changed, fields = [], [], set()
    for (school, day, category), counts in rollups.items():
        row = existing.get((school, day, category))
        if row is None:
            new.append(DailyRollup(school_id=school, day=day, category_id=category, **counts))
            continue
        for field, n in counts.items():
            setattr(row, field, getattr(row, field) + n)
            fields.add(field)
        changed.append(row)
    DailyRollup.objects.bulk_create(new)
    if changed:
        DailyRollup.objects.bulk_update(changed, sorted(fields))


def _apply_buckets(buckets: Counter[BucketKey]) -> None:
    if not buckets:
        return
    schools, first, last = _day_range(buckets)
    existing = {
        (b.school_id, b.day, b.metric, b.bucket): b
        for b in DurationBucket.objects.filter(school_id__in=schools, day__range=(first, last))
    }
    new, changed = [], []
    for (school, day, metric, bucket), n in buckets.items():
        row = existing.get((school, day, metric, bucket))
        if row is None:
            new.append(
                DurationBucket(school_id=school, day=day, metric=metric, bucket=bucket, count=n)
            )
        else:
            row.count += n
            changed.append(row)
    DurationBucket.objects.bulk_create(new)
    if changed:
        DurationBucket.objects.bulk_update(changed, ["count"])


def _locked_watermark() -> FoldWatermark:
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


def _count_event(tally: Tally, row: dict[str, Any], answer_starts: dict[int, Any]) -> None:
    kind, at, school = row["kind"], row["created_at"], row["school_id"]
    day = local_day(at)
    key = (school, day, row["issue__category_id"])
    tally.add(key, KIND_FIELDS[kind])
    if kind in FIRST_REPLY_KINDS:
        tally.duration(school, day, Metric.FIRST_REPLY, _hours(at - row["issue__created_at"]))
    elif kind in ANSWER_KINDS:
        hours = _answer_hours(answer_starts.get(row["issue_id"], []), at)
        if hours is not None:
            tally.duration(school, day, Metric.ANSWER, hours)
    elif kind == "rated" and row["issue__rating"] in RATING_FIELDS:
        tally.add(key, RATING_FIELDS[row["issue__rating"]])
    elif kind == "auto_closed":
        tally.add(key, "rated_unrated")


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


@transaction.atomic
def _fold_event_batch(cutoff: datetime.datetime, size: int) -> tuple[int, bool]:
    """Fold up to `size` events; return (events read, whether more may be waiting)."""
    mark = _locked_watermark()
    rows = list(
        IssueEvent.objects.filter(id__gt=mark.last_event_id)
        .order_by("id")
        .values(*EVENT_FIELDS)[:size]
    )
    ready = []
    for row in rows:
        if row["created_at"] >= cutoff:
            break  # younger than the lag: this one and everything after wait for next run
        ready.append(row)
    if not ready:
        return 0, False
    answer_starts = _answer_starts({r["issue_id"] for r in ready if r["kind"] in ANSWER_KINDS})
    tally = Tally()
    for row in ready:
        if row["kind"] in KIND_FIELDS:
            _count_event(tally, row, answer_starts)
    tally.apply()
    mark.last_event_id = ready[-1]["id"]
    mark.save(update_fields=["last_event_id", "updated_at"])
    return len(ready), len(ready) == size


# --- clocks ----------------------------------------------------------------------------


@transaction.atomic
def _fold_clock_batch(cutoff: datetime.datetime, size: int) -> tuple[int, bool]:
    mark = _locked_watermark()
    clocks = IssueClock.objects.filter(due_at__lte=cutoff)  # cancelled ones are skipped below
    if mark.clock_due_at is not None:
        clocks = clocks.filter(
            Q(due_at__gt=mark.clock_due_at) | Q(due_at=mark.clock_due_at, id__gt=mark.clock_id)
        )
    rows = list(
        clocks.order_by("due_at", "id").values(
            "id", "school_id", "clock", "due_at", "stopped_at", "cancelled", "issue__category_id"
        )[:size]
    )
    if not rows:
        return 0, False
    tally = Tally()
    for row in rows:
        if row["clock"] not in CLOCKS or row["cancelled"]:
            continue
        key = (row["school_id"], local_day(row["due_at"]), row["issue__category_id"])
        tally.add(key, f"{row['clock']}_due")
        if row["stopped_at"] is not None and row["stopped_at"] <= row["due_at"]:
            tally.add(key, f"{row['clock']}_met")
    tally.apply()
    mark.clock_due_at, mark.clock_id = rows[-1]["due_at"], rows[-1]["id"]
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


@transaction.atomic
def rollups_reset() -> None:
    """Forget every rollup and the watermark; the next folds rebuild from the start
    (after a bulk load of past activity, e.g. the demo province)."""
    _locked_watermark()
    DailyRollup.objects.all().delete()
    DurationBucket.objects.all().delete()
    FoldWatermark.objects.filter(name=WATERMARK).update(
        last_event_id=0, clock_due_at=None, clock_id=0
    )
