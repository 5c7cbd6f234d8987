"""Raw bulk writing: COPY on PostgreSQL (psycopg 3), executemany on SQLite.

Rows are written with explicit ids and explicit timestamps (no `auto_now` stamping), so a
generated timeline keeps its own moments; sequences are reset afterwards on PostgreSQL.

Two shapes: `Table.row` (a dict per row, adapted value by value: fine for thousands of
rows) and `LineFormat` (a row is one line of COPY text made by one `str.format` call: the
issue writer's millions of rows, where building dicts and adapting values was most of
the time)."""

import datetime
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
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


NULL = "\\N"


class TextFormat:
    """How values are spelled in the text rows of one engine: COPY's text format on
    PostgreSQL; on SQLite the same lines are split back into parameters, so booleans are
    1/0 and timestamps carry no offset (Django stores naive UTC there)."""

    def __init__(self, vendor: str) -> None:
        self.postgresql = vendor == "postgresql"
        self.true, self.false = ("t", "f") if self.postgresql else ("1", "0")
        self.offset = "+00" if self.postgresql else ""
        self._hours: dict[int, str] = {}
        self._minutes = [f"{s // 60:02d}:{s % 60:02d}{self.offset}" for s in range(3600)]

    def moment(self, seconds: int | None) -> str:
        """Whole seconds since the epoch → a UTC timestamp literal: the hour's text is
        cached and minutes:seconds come from a table (the writer spells ~15 a row)."""
        if seconds is None:
            return NULL
        hour, rest = divmod(seconds, 3600)
        text = self._hours.get(hour)
        if text is None:
            text = time.strftime("%Y-%m-%d %H:", time.gmtime(hour * 3600))
            self._hours[hour] = text
        return text + self._minutes[rest]

    def flag(self, value: bool) -> str:
        return self.true if value else self.false

    def literal(self, value: Any) -> str:
        """A constant (a model default, a label) as text."""
        if value is None:
            return NULL
        if isinstance(value, bool):
            return self.flag(value)
        if isinstance(value, datetime.datetime):
            return self.moment(int(value.timestamp()))
        if isinstance(value, dict | list):
            value = json.dumps(value, ensure_ascii=False)
        return clean(str(value))


def clean(text: str) -> str:
    """Text safe in a COPY text field and in a tab-split line: no escapes needed."""
    return text.replace("\\", "/").replace("\t", " ").replace("\n", " ").replace("\r", " ")


class LineFormat:
    """A model's COPY text line with the generator's columns (`variables`, in that order,
    already spelled as text) and every other concrete column at its model default."""

    def __init__(self, model: type[models.Model], variables: Sequence[str], text: TextFormat):
        fields = list(model._meta.concrete_fields)
        attnames = [f.attname for f in fields]
        unknown = set(variables) - set(attnames)
        if unknown:
            raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
        parts = []
        for f in fields:
            if f.attname in variables:
                parts.append("{" + str(variables.index(f.attname)) + "}")
            else:
                constant = text.literal(f.get_default())
                parts.append(constant.replace("{", "{{").replace("}", "}}"))
        self.model = model
        self.name = model._meta.db_table
        self.columns = [str(f.column) for f in fields]
        self.line = "\t".join(parts).format


def write_lines(fmt: LineFormat, lines: list[str]) -> int:
    """Write text lines made by `fmt.line`: one COPY on PostgreSQL, executemany on SQLite."""
    if not lines:
        return 0
    quoted = ", ".join(connection.ops.quote_name(c) for c in fmt.columns)
    table = connection.ops.quote_name(fmt.name)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                copy.write("\n".join(lines) + "\n")
            return len(lines)
        marks = ", ".join("%s" for _ in fmt.columns)
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"
        for start in range(0, len(lines), SQLITE_BATCH):
            cursor.executemany(
                sql,
                [
                    tuple(None if v == NULL else v for v in line.split("\t"))
                    for line in lines[start : start + SQLITE_BATCH]
                ],
            )
    return len(lines)


@dataclass
class Deferred:
    """Secondary indexes and foreign keys taken off some tables for a bulk load."""

    indexes: list[str] = field(default_factory=list)  # CREATE INDEX statements
    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)  # table, name, def
    seconds: float = 0.0  # rebuilding them


@contextmanager
def without_secondary_indexes(model_list: list[type[models.Model]]) -> Iterator[Deferred]:
    """On PostgreSQL: drop the tables' secondary indexes and foreign keys, yield, then
    create them again (the foreign keys validated by one scan each) and ANALYZE.

    Maintaining ~25 B-trees and queueing a deferred foreign-key check per row made COPY
    several times slower than building each index once from the sorted data at the
    end. Primary keys and unique constraints stay (ids ascend, so the primary key is
    appended to). Elsewhere (SQLite) a no-op."""
    deferred = Deferred()
    if connection.vendor != "postgresql":
        yield deferred
        return
    names = [m._meta.db_table for m in model_list]
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
               FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
               WHERE t.relname = ANY(%s) AND NOT i.indisprimary
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
               ORDER BY 1""",
            [names],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            """SELECT t.relname, c.conname, pg_get_constraintdef(c.oid)
               FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
               WHERE t.relname = ANY(%s) AND c.contype = 'f' ORDER BY 1, 2""",
            [names],
        )
        deferred.foreign_keys = list(cursor.fetchall())
        deferred.indexes = [sql for _name, sql in indexes]
        for table, name, _sql in deferred.foreign_keys:
            cursor.execute(f"ALTER TABLE {_q(table)} DROP CONSTRAINT {_q(name)}")
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {name}")
    try:
        yield deferred
    finally:
        started = time.monotonic()
        with connection.cursor() as cursor:
            # one session's sorts for the builds; the server's own setting is 64 MB
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for sql in deferred.indexes:
                cursor.execute(sql)
            for table, name, sql in deferred.foreign_keys:
                cursor.execute(f"ALTER TABLE {_q(table)} ADD CONSTRAINT {_q(name)} {sql}")
            cursor.execute("RESET maintenance_work_mem")
            for table in names:
                cursor.execute(f"ANALYZE {_q(table)}")
        deferred.seconds = time.monotonic() - started


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def reset_sequences(model_list: list[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def vacuum_analyze() -> None:
    """VACUUM (ANALYZE) the whole database after the load (PostgreSQL): hint bits, the
    visibility map (index-only scans) and statistics are in place, and autovacuum has
    nothing left to do on the new rows while bench/run measures."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


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
