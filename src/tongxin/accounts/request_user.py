"""The user of a request with their grants: one SQL statement, built once per process.

Every logged-in request loads its user, and every page asks the rules, so the grants come
with the user (reach.user_with_grants). Through the ORM that statement cost about 1 ms of
CPU per request just to build and compile — half of what a logged-in trivial POST cost
beyond an anonymous one (docs/performance.md, "Where a logged-in request's time goes").
Here the SQL text is made once from the models' metadata (tables and columns, so a new
user field needs no change here) and only executed per request; rows become a User through
Model.from_db with the database's own value converters, as the ORM would make them.

"Active" is MembershipQuerySet.active's definition (start ≤ today, no end or end ≥ today);
accounts/tests/test_request_user.py checks both give the same grants, so they cannot drift
apart. The user is always returned, with or without grants (LEFT JOIN): one statement either way.
"""

from functools import cache
from typing import Any

from django.db import connections
from django.db.models import Field
from django.utils import timezone

from tongxin.orgs.models import Node

from .models import Membership, User

_GRANT_COLUMNS = 8  # membership id, role, position, node id, school id, kind, path, school path


@cache
def _statement(vendor: str) -> str:
    """The SQL for one database vendor (quoting differs), with three parameters: the day
    twice and the user's id. Cached per process: the models do not change at run time."""
    ops = connections["default"].ops
    q = ops.quote_name
    m, n, s, u = q("m"), q("n"), q("s"), q("u")
    membership = {f.name: q(str(f.column)) for f in Membership._meta.concrete_fields}
    node = {f.name: q(str(f.column)) for f in Node._meta.concrete_fields}
    user_pk = q(str(User._meta.pk.column))
    user_columns = ", ".join(f"{u}.{q(str(f.column))}" for f in _user_fields())
    return (
        f"SELECT {m}.{membership['id']}, {m}.{membership['role']}, "
        f"{m}.{membership['position']}, {m}.{membership['node']}, {m}.{membership['school']}, "
        f"{n}.{node['kind']}, {n}.{node['path']}, {s}.{node['path']}, {user_columns} "
        f"FROM {q(User._meta.db_table)} {u} "
        f"LEFT JOIN ({q(Membership._meta.db_table)} {m} "
        f"INNER JOIN {q(Node._meta.db_table)} {n} ON {n}.{node['id']} = {m}.{membership['node']} "
        f"LEFT JOIN {q(Node._meta.db_table)} {s} ON {s}.{node['id']} = {m}.{membership['school']}) "
        f"ON {m}.{membership['user']} = {u}.{user_pk} "
        f"AND {m}.{membership['start']} <= %s "
        f"AND ({m}.{membership['end']} IS NULL OR {m}.{membership['end']} >= %s) "
        f"WHERE {u}.{user_pk} = %s"
    )


@cache
def _user_fields() -> tuple[Field[Any, Any], ...]:
    return tuple(User._meta.concrete_fields)


_CONVERTERS: dict[str, list[tuple[int, list[Any], Any]]] = {}


def _converters(connection: Any) -> list[tuple[int, list[Any], Any]]:
    """What the ORM applies to each user column read from this database (SQLite hands back
    datetimes as text and booleans as integers; PostgreSQL needs none). Once per vendor."""
    if connection.vendor in _CONVERTERS:
        return _CONVERTERS[connection.vendor]
    found = []
    for index, field in enumerate(_user_fields()):
        column = field.get_col("u")
        chain = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        if chain:
            found.append((index, chain, column))
    _CONVERTERS[connection.vendor] = found
    return found


def load_user_with_grants(user_id: Any) -> tuple[User, list[tuple[Any, ...]]] | None:
    """The user (None if there is no such row) and their active memberships as tuples
    (id, role, position, node_id, school_id, node_kind, node_path, school_path), oldest
    first: the first is the acting role of audit events."""
    try:
        pk = int(user_id)
    except (TypeError, ValueError):
        return None
    connection = connections["default"]
    day = connection.ops.adapt_datefield_value(timezone.localdate())
    with connection.cursor() as cursor:
        cursor.execute(_statement(connection.vendor), [day, day, pk])
        rows = cursor.fetchall()
    if not rows:
        return None
    values = list(rows[0][_GRANT_COLUMNS:])
    for index, chain, column in _converters(connection):
        for convert in chain:
            values[index] = convert(values[index], column, connection)
    user = User.from_db(connection.alias, [f.attname for f in _user_fields()], values)
    memberships = sorted(row[:_GRANT_COLUMNS] for row in rows if row[0] is not None)
    return user, memberships
