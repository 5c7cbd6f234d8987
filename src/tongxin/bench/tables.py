"""Raw bulk writing: COPY on PostgreSQL (psycopg 3), executemany on SQLite.

Rows are written with explicit ids and explicit timestamps (no `auto_now` stamping), so a
generated timeline keeps its own moments; sequences are reset afterwards on PostgreSQL."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max

SQLITE_BATCH = 10_000


class Table:
    """One model's concrete columns and their defaults, in column order."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        fields = [f for f in model._meta.concrete_fields]
        self.name = model._meta.db_table
        self.attnames = [f.attname for f in fields]
        self.columns = [str(f.column) for f in fields]
        self.defaults = {f.attname: f.get_default() for f in fields}

    def row(self, values: dict[str, Any]) -> tuple[Any, ...]:
        merged = self.defaults | values
        return tuple(_adapt(merged[name]) for name in self.attnames)

    def next_id(self) -> int:
        return int(self.model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1


def _adapt(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def write(table: Table, rows: Iterable[tuple[Any, ...]]) -> int:
    if connection.vendor == "postgresql":
        return _copy(table, rows)
    return _executemany(table, rows)


def _copy(table: Table, rows: Iterable[tuple[Any, ...]]) -> int:
    quoted = ", ".join(connection.ops.quote_name(c) for c in table.columns)
    sql = f"COPY {connection.ops.quote_name(table.name)} ({quoted}) FROM STDIN"
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _executemany(table: Table, rows: Iterable[tuple[Any, ...]]) -> int:
    quoted = ", ".join(connection.ops.quote_name(c) for c in table.columns)
    marks = ", ".join("%s" for _ in table.columns)
    sql = f"INSERT INTO {connection.ops.quote_name(table.name)} ({quoted}) VALUES ({marks})"
    count, batch = 0, []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) >= SQLITE_BATCH:
                cursor.executemany(sql, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def reset_sequences(model_list: list[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def database_size() -> int:
    """Bytes on disk: pg_database_size, or the SQLite file with its WAL."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return int(cursor.fetchone()[0])
    from pathlib import Path

    name = Path(str(connection.settings_dict["NAME"]))
    parts = [name, name.with_name(name.name + "-wal")]
    return sum(p.stat().st_size for p in parts if p.exists())
