"""Put generated moments back into `auto_now_add` / `auto_now` columns after `bulk_create`.

`bulk_create` stamps those fields with the moment of the insert, whatever the object
holds. Django's `bulk_update` would put them back, but it builds one CASE branch per row
(hundreds of thousands of expressions for a year of timelines, minutes of work); this is
the same bulk update as one joined UPDATE per few thousand rows:

    WITH v (id, a0, …) AS (VALUES (%s, %s, …), …)
    UPDATE table SET column0 = v.a0, … FROM v WHERE table.id = v.id

UPDATE … FROM runs on PostgreSQL and on SQLite from 3.33. Values are prepared by the
fields themselves (`get_db_prep_value`), as the ORM would.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Field, Model

ROWS_PER_UPDATE = 1000


def _cast(placeholder: str, db_type: str) -> str:
    """PostgreSQL needs the type of a VALUES column spelled out; SQLite must not get it
    (a CAST to "datetime" there means a number)."""
    return f"CAST({placeholder} AS {db_type})" if connection.vendor == "postgresql" else placeholder


def restamp(
    model: type[Model],
    fields: Sequence[str],
    rows: Sequence[tuple[int, Sequence[datetime.datetime]]],
) -> int:
    """Set `fields` of the rows with primary keys `pk` to `moments`: rows = (pk, moments)."""
    qn = connection.ops.quote_name
    meta = model._meta
    columns: list[Field[Any, Any]] = []
    for name in fields:
        column = meta.get_field(name)
        assert isinstance(column, Field)
        columns.append(column)
    table, pk = qn(meta.db_table), qn(str(meta.pk.column))
    names = ", ".join(f"a{i}" for i in range(len(columns)))
    one = "(" + ", ".join(["%s"] + [_cast("%s", c.db_type(connection) or "") for c in columns])
    sets = ", ".join(f"{qn(str(c.column))} = v.a{i}" for i, c in enumerate(columns))
    done = 0
    with connection.cursor() as cursor:
        for first in range(0, len(rows), ROWS_PER_UPDATE):
            chunk = rows[first : first + ROWS_PER_UPDATE]
            params: list[Any] = []
            for row_pk, moments in chunk:
                params.append(row_pk)
                pairs = zip(columns, moments, strict=True)
                params += [c.get_db_prep_value(m, connection) for c, m in pairs]
            values = ", ".join([one + ")"] * len(chunk))
            cursor.execute(
                f"WITH v (id, {names}) AS (VALUES {values}) "
                f"UPDATE {table} SET {sets} FROM v WHERE {table}.{pk} = v.id",
                params,
            )
            done += len(chunk)
    return done
