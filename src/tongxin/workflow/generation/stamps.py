"""Put generated moments back into `auto_now_add` / `auto_now` columns after `bulk_create`.

`bulk_create` stamps those fields with the moment of the insert, whatever the object
holds. Django's `bulk_update` would put them back, but it builds one CASE branch per row
(hundreds of thousands of expressions for a year of timelines: minutes of work, and on
PostgreSQL quadratic in the batch). This is the same bulk update as one joined UPDATE:

    SQLite 3.33+:  WITH v (id, a0, …) AS (VALUES (%s, %s), …)            (1,000 rows each)
                   UPDATE table SET column0 = v.a0, … FROM v WHERE table.id = v.id
    PostgreSQL:    UPDATE table SET column0 = v.a0, …
                   FROM (SELECT unnest(%s::bigint[]) AS id, unnest(%s::…[]) AS a0, …) v
                   WHERE table.id = v.id                                (all rows at once)

Values are prepared by the fields themselves (`get_db_prep_value`), as the ORM would.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Field, Model

ROWS_PER_UPDATE = 1000  # SQLite: a few thousand parameters per statement is fastest

Rows = Sequence[tuple[int, Sequence[datetime.datetime]]]


def _fields(model: type[Model], names: Sequence[str]) -> list[Field[Any, Any]]:
    fields = []
    for name in names:
        field = model._meta.get_field(name)
        assert isinstance(field, Field)
        fields.append(field)
    return fields


def _prepared(fields: list[Field[Any, Any]], moments: Sequence[datetime.datetime]) -> list[Any]:
    return [f.get_db_prep_value(m, connection) for f, m in zip(fields, moments, strict=True)]


def _sqlite(table: str, pk: str, fields: list[Field[Any, Any]], rows: Rows) -> None:
    qn = connection.ops.quote_name
    names = ", ".join(f"a{i}" for i in range(len(fields)))
    sets = ", ".join(f"{qn(str(f.column))} = v.a{i}" for i, f in enumerate(fields))
    one = "(" + ", ".join(["%s"] * (len(fields) + 1)) + ")"
    with connection.cursor() as cursor:
        for first in range(0, len(rows), ROWS_PER_UPDATE):
            chunk = rows[first : first + ROWS_PER_UPDATE]
            params: list[Any] = []
            for row_pk, moments in chunk:
                params += [row_pk, *_prepared(fields, moments)]
            cursor.execute(
                f"WITH v (id, {names}) AS (VALUES {', '.join([one] * len(chunk))}) "
                f"UPDATE {table} SET {sets} FROM v WHERE {table}.{pk} = v.id",
                params,
            )


def _postgresql(
    table: str, pk: str, pk_type: str, fields: list[Field[Any, Any]], rows: Rows
) -> None:
    qn = connection.ops.quote_name
    columns = [f"unnest(%s::{pk_type}[]) AS id"]
    columns += [f"unnest(%s::{f.db_type(connection)}[]) AS a{i}" for i, f in enumerate(fields)]
    sets = ", ".join(f"{qn(str(f.column))} = v.a{i}" for i, f in enumerate(fields))
    prepared = [_prepared(fields, moments) for _pk, moments in rows]
    params = [[row_pk for row_pk, _m in rows]]
    params += [[values[i] for values in prepared] for i in range(len(fields))]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {sets} FROM (SELECT {', '.join(columns)}) AS v "
            f"WHERE {table}.{pk} = v.id",
            params,
        )


def restamp(model: type[Model], fields: Sequence[str], rows: Rows) -> int:
    """Set `fields` of each row to its moments: rows = (primary key, moments)."""
    if not rows:
        return 0
    meta = model._meta
    qn = connection.ops.quote_name
    table, pk = qn(meta.db_table), qn(str(meta.pk.column))
    columns = _fields(model, fields)
    if connection.vendor == "postgresql":
        _postgresql(table, pk, str(meta.pk.db_type(connection)), columns, rows)
    else:
        _sqlite(table, pk, columns, rows)
    return len(rows)
