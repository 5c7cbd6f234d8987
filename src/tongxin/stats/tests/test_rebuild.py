"""The one-pass rebuild against the regular fold, and the monthly rows against the daily.

The rebuild must leave exactly what the worker's fold leaves run by run (the same rows and
the same watermark), so that the worker can carry on from it; the monthly rows must be the
daily rows summed by month, however the fold was cut into batches."""

import datetime
from collections import Counter
from typing import Any

import pytest

from tongxin.rights.models import IssueClock, IssueEvent
from tongxin.stats.fold import (
    FOLD_LAG,
    FoldResult,
    fold_rights_activity,
    rollups_rebuild,
    rollups_reset,
)
from tongxin.stats.models import (
    COUNTER_FIELDS,
    DailyRollup,
    DurationBucket,
    FoldWatermark,
    MonthlyDurationBucket,
    MonthlyRollup,
)

from .conftest import Week
from .factories import Story, at

pytestmark = pytest.mark.django_db
LATE = at(5, 1, 9)


@pytest.fixture
def months(week: Week) -> Week:
    """The hand-computed week, plus issues at the end of March and in April, so that the
    rows span three months."""
    p, clock = week.p, week.clock
    Story(p, clock).submit(at(3, 28, 9)).accept(at(3, 31, 10)).start(at(4, 1, 9)).answer(
        at(4, 2, 10)
    )
    Story(p, clock, student="student_b", officer="officer_b").submit(at(4, 10, 9)).decline(
        at(4, 11, 9)
    )
    clock.set(LATE)
    return week


def rows(model: Any) -> list[tuple[Any, ...]]:
    fields = [f.attname for f in model._meta.concrete_fields if f.name != "id"]
    return sorted(model.objects.values_list(*fields))


def tables() -> list[list[tuple[Any, ...]]]:
    return [rows(m) for m in (DailyRollup, DurationBucket, MonthlyRollup, MonthlyDurationBucket)]


def watermark() -> tuple[Any, ...]:
    mark = FoldWatermark.objects.get()
    return mark.last_event_id, mark.clock_due_at, mark.clock_id


def fold_in_small_batches(until: datetime.datetime) -> None:
    for day in range(2, 32):  # the worker every day, in batches of 3
        moment = at(3, 1, 9) + datetime.timedelta(days=day)
        fold_rights_activity(now=min(moment, until), batch=3, max_batches=2)
    fold_rights_activity(now=until, batch=3, max_batches=1000)


def test_the_rebuild_equals_the_fold_run_by_run(months: Week) -> None:
    fold_in_small_batches(LATE)
    folded, mark = tables(), watermark()
    assert folded[0] and folded[1]
    read = rollups_rebuild(now=LATE)
    assert tables() == folded
    assert watermark() == mark
    assert read == IssueEvent.objects.count() + IssueClock.objects.filter(due_at__lte=LATE).count()
    assert fold_rights_activity(now=LATE) == FoldResult(events=0, clocks=0)
    assert tables() == folded


@pytest.mark.parametrize("chunk", [1, 4, 1000])
def test_a_rebuild_part_way_leaves_the_watermark_for_the_worker(months: Week, chunk: int) -> None:
    """Events are numbered in the order written, not the order they happened (a story is
    written step by step): the rebuild stops at the first one younger than the lag, as the
    fold does, and the worker then carries on to the same rows."""
    fold_rights_activity(now=LATE, batch=1000)
    full = tables()
    middle = at(3, 5, 12)
    rollups_reset()
    fold_rights_activity(now=middle, batch=5, max_batches=1000)
    folded_then, mark_then = tables(), watermark()
    rollups_rebuild(now=middle, chunk=chunk)
    assert (tables(), watermark()) == (folded_then, mark_then)
    assert 0 < mark_then[0] < IssueEvent.objects.order_by("-id").values_list("id", flat=True)[0]
    fold_in_small_batches(LATE)
    assert tables() == full


def test_the_rebuild_skips_events_still_within_the_lag(months: Week) -> None:
    last = IssueEvent.objects.order_by("-id").first()
    assert last is not None
    rollups_rebuild(now=last.created_at + FOLD_LAG / 2)
    assert FoldWatermark.objects.get().last_event_id < last.pk


def _by_month(model: Any, date_field: str, keys: tuple[str, ...], fields: tuple[str, ...]) -> Any:
    sums: dict[tuple[Any, ...], Counter[str]] = {}
    for row in model.objects.values(date_field, *keys, *fields):
        key = (row[date_field].replace(day=1), *(row[k] for k in keys))
        sums.setdefault(key, Counter()).update({f: row[f] for f in fields})
    return {k: {f: v[f] for f in fields} for k, v in sums.items()}


def _monthly(model: Any, keys: tuple[str, ...], fields: tuple[str, ...]) -> Any:
    return {
        (row["month"], *(row[k] for k in keys)): {f: row[f] for f in fields}
        for row in model.objects.values("month", *keys, *fields)
    }


@pytest.mark.parametrize("how", ["in small batches", "in one batch", "rebuilt"])
def test_the_monthly_rows_are_the_daily_rows_summed_by_month(months: Week, how: str) -> None:
    if how == "in small batches":
        fold_in_small_batches(LATE)
    elif how == "in one batch":
        fold_rights_activity(now=LATE, batch=10_000)
    else:
        rollups_rebuild(now=LATE)
    rollup_keys, bucket_keys = ("school_id", "category_id"), ("school_id", "metric", "bucket")
    daily = _by_month(DailyRollup, "day", rollup_keys, COUNTER_FIELDS)
    assert len({month for month, *_ in daily}) == 3
    assert _monthly(MonthlyRollup, rollup_keys, COUNTER_FIELDS) == daily
    assert _monthly(MonthlyDurationBucket, bucket_keys, ("count",)) == _by_month(
        DurationBucket, "day", bucket_keys, ("count",)
    )
