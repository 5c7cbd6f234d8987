"""Plain INSERTs for the demo's largest generated tables.

`bulk_create` prepares every field of every object through the ORM; for tens of thousands
of rows that need no ids back (grades, ratings, attendance) that preparation is most of
the build's time. Here the rows are tuples, already in database form, sent with
`executemany` in one statement shape. Datetimes go through the backend's own adapter.
"""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model


def moment(value: datetime.datetime) -> Any:
    """A datetime as the backend stores it (UTC text on SQLite, as the ORM would write)."""
    return connection.ops.adapt_datetimefield_value(value)


def insert_rows(model: type[Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """INSERT `rows` (values in the order of `fields`, attribute names) into `model`'s table."""
    quote = connection.ops.quote_name
    concrete = {field.attname: str(field.column) for field in model._meta.concrete_fields}
    columns = ", ".join(quote(concrete[name]) for name in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
    rows = list(rows)
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)
