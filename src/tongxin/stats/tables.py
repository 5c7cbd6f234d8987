"""The rollup tables as the fold writes them: increments added into the rows already there
(each run of the worker), or written once as new rows (a rebuild)."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import connection

from .models import (
    COUNTER_FIELDS,
    DailyRollup,
    DurationBucket,
    MonthlyDurationBucket,
    MonthlyRollup,
)

WRITE_BATCH = 2_000  # rows per INSERT
UPDATE_BATCH = 200  # rows per UPDATE (see add_into)

Increment = Counter[str] | int  # per counter, or of the one counter `count`
Increments = Mapping[tuple[Any, ...], Increment]


@dataclass(frozen=True)
class Table:
    """A rollup table as the tally writes it: key columns (school, local day or month,
    then the rest of the key) and counters. A tally's value for a key is a Counter of
    counters, or one number for a table with the single counter `count`."""

    model: Any
    keys: tuple[str, ...]
    counters: tuple[str, ...]

    def key_of(self, row: Any) -> tuple[Any, ...]:
        return tuple(getattr(row, name) for name in self.keys)

    def counts(self, value: Increment) -> Mapping[str, int]:
        return {"count": value} if isinstance(value, int) else value

    def values(self, key: tuple[Any, ...], value: Increment) -> tuple[Any, ...]:
        if isinstance(value, int):
            return (*key, value)
        return (*key, *(value[name] for name in self.counters))

    def new(self, key: tuple[Any, ...], value: Increment) -> Any:
        return self.model(**dict(zip(self.keys, key, strict=True)), **self.counts(value))


DAILY = Table(DailyRollup, ("school_id", "day", "category_id"), COUNTER_FIELDS)
MONTHLY = Table(MonthlyRollup, ("school_id", "month", "category_id"), COUNTER_FIELDS)
DAY_BUCKETS = Table(DurationBucket, ("school_id", "day", "metric", "bucket"), ("count",))
MONTH_BUCKETS = Table(MonthlyDurationBucket, ("school_id", "month", "metric", "bucket"), ("count",))
TABLES = (DAILY, MONTHLY, DAY_BUCKETS, MONTH_BUCKETS)


def by_month(increments: Increments) -> dict[tuple[Any, ...], Increment]:
    months: dict[tuple[Any, ...], Any] = {}
    for (school, day, *rest), value in increments.items():
        key = (school, day.replace(day=1), *rest)
        if isinstance(value, int):
            months[key] = months.get(key, 0) + value
        else:
            months.setdefault(key, Counter()).update(value)
    return months


def add_into(table: Table, increments: Increments) -> None:
    if not increments:
        return
    schools = {key[0] for key in increments}
    dates = [key[1] for key in increments]
    in_range = {f"{table.keys[1]}__range": (min(dates), max(dates))}
    existing = {
        table.key_of(row): row
        for row in table.model.objects.filter(school_id__in=schools, **in_range)
    }
    new, changed, fields = [], [], set()
    for key, value in increments.items():
        row = existing.get(key)
        if row is None:
            new.append(table.new(key, value))
            continue
        for field, n in table.counts(value).items():
            setattr(row, field, getattr(row, field) + n)
            fields.add(field)
        changed.append(row)
    table.model.objects.bulk_create(new, batch_size=WRITE_BATCH)
    if changed:
        # In small batches: Django writes one CASE over the whole batch per field, which
        # PostgreSQL evaluates per row, so the cost grows with the square of the batch.
        table.model.objects.bulk_update(changed, sorted(fields), batch_size=UPDATE_BATCH)


def create(table: Table, increments: Increments) -> None:
    if connection.vendor == "postgresql":
        _copy(table, increments)
        return
    items = iter(increments.items())
    while batch := [table.new(key, value) for key, value in islice(items, WRITE_BATCH)]:
        table.model.objects.bulk_create(batch, batch_size=WRITE_BATCH)


def _copy(table: Table, increments: Increments) -> None:
    """COPY, row by row from the tally: building a model instance and adapting each of
    its 24 values was nine tenths of a rebuild with bulk_create (about 3,000 rows/s)."""
    meta, quote = table.model._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in table.keys + table.counters)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy,
    ):
        for key, value in increments.items():
            copy.write_row(table.values(key, value))
