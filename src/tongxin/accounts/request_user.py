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


def _select(vendor: str) -> tuple[str, str]:
    """The grant and user columns, and the joins from the user to their active memberships
    (two parameters: the day twice), for one database vendor (quoting differs)."""
    ops = connections["default"].ops
    q = ops.quote_name
    m, n, s, u = q("m"), q("n"), q("s"), q("u")
    membership = {f.name: q(str(f.column)) for f in Membership._meta.concrete_fields}
    node = {f.name: q(str(f.column)) for f in Node._meta.concrete_fields}
    user_pk = q(str(User._meta.pk.column))
    user_columns = ", ".join(f"{u}.{q(str(f.column))}" for f in _user_fields())
    columns = (
        f"{m}.{membership['id']}, {m}.{membership['role']}, "
        f"{m}.{membership['position']}, {m}.{membership['node']}, {m}.{membership['school']}, "
        f"{n}.{node['kind']}, {n}.{node['path']}, {s}.{node['path']}, {user_columns}"
    )
    grants = (
        f"LEFT JOIN ({q(Membership._meta.db_table)} {m} "
        f"INNER JOIN {q(Node._meta.db_table)} {n} ON {n}.{node['id']} = {m}.{membership['node']} "
        f"LEFT JOIN {q(Node._meta.db_table)} {s} ON {s}.{node['id']} = {m}.{membership['school']}) "
        f"ON {m}.{membership['user']} = {u}.{user_pk} "
        f"AND {m}.{membership['start']} <= %s "
        f"AND ({m}.{membership['end']} IS NULL OR {m}.{membership['end']} >= %s)"
    )
    return columns, grants


@cache
def _statement(vendor: str) -> str:
    """The user by id: three parameters, the day twice and the user's id. Cached per
    process: the models do not change at run time."""
    q = connections["default"].ops.quote_name
    columns, grants = _select(vendor)
    user_pk = q(str(User._meta.pk.column))
    return (
        f"SELECT {columns} FROM {q(User._meta.db_table)} {q('u')} {grants} "
        f"WHERE {q('u')}.{user_pk} = %s"
    )


@cache
def _session_statement(vendor: str) -> str:
    """The session by key with its user (accounts.Session.user, a copy of the id in the
    signed data): four parameters, the day twice, the key and now. The session's data comes
    first; a session without a user (or whose user is gone) gives NULL user columns."""
    from .models import Session

    q = connections["default"].ops.quote_name
    columns, grants = _select(vendor)
    session = {f.name: q(str(f.column)) for f in Session._meta.concrete_fields}
    x, u = q("x"), q("u")
    return (
        f"SELECT {x}.{session['session_data']}, {columns} "
        f"FROM {q(Session._meta.db_table)} {x} "
        f"LEFT JOIN ({q(User._meta.db_table)} {u} {grants}) "
        f"ON {u}.{q(str(User._meta.pk.column))} = {x}.{session['user']} "
        f"WHERE {x}.{session['session_key']} = %s AND {x}.{session['expire_date']} > %s"
    )


@cache
def _user_pk_index() -> int:
    return _user_fields().index(User._meta.pk)


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


Loaded = tuple[User, list[tuple[Any, ...]]]


def _user_from(rows: list[tuple[Any, ...]], connection: Any) -> Loaded | None:
    """The user and grants of rows laid out as `_select`'s columns (None: no user)."""
    if not rows or rows[0][_GRANT_COLUMNS + _user_pk_index()] is None:  # no such user
        return None
    values = list(rows[0][_GRANT_COLUMNS:])
    for index, chain, column in _converters(connection):
        for convert in chain:
            values[index] = convert(values[index], column, connection)
    user = User.from_db(connection.alias, [f.attname for f in _user_fields()], values)
    memberships = sorted(row[:_GRANT_COLUMNS] for row in rows if row[0] is not None)
    return user, memberships


def load_user_with_grants(user_id: Any) -> Loaded | None:
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
    return _user_from(rows, connection)


def load_session_with_user(key: str, alias: str = "default") -> tuple[str, Loaded | None] | None:
    """A live session's raw data and its user with grants, in one statement; None when the
    key is unknown or expired."""
    connection = connections[alias]
    ops = connection.ops
    day = ops.adapt_datefield_value(timezone.localdate())
    now = ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_prepared_session_statement(connection), [day, day, key, now])
        rows = cursor.fetchall()
    if not rows:
        return None
    return rows[0][0], _user_from([row[1:] for row in rows], connection)


# The name of the session statement prepared on each PostgreSQL connection.
PREPARED_SESSION = "tongxin_session_user"


def _prepared_session_statement(connection: Any) -> str:
    """The statement to run: on PostgreSQL, EXECUTE of the session statement prepared once
    per database connection; elsewhere the statement itself.

    Planning the five-table join cost PostgreSQL 0.2-0.3 ms on every request, four times
    its execution (EXPLAIN ANALYZE at medium scale, docs/performance.md); a prepared
    statement is planned once per connection (PostgreSQL re-plans it by itself when the
    tables' statistics change). Preparing goes through the raw connection, so it is not
    one of the request's counted statements, and is not undone by a rollback (prepared
    statements belong to the database session, not to a transaction). A new connection
    (Django reconnects after CONN_MAX_AGE or an error) is a new raw connection object:
    it is prepared again."""
    sql = _session_statement(connection.vendor)
    if connection.vendor != "postgresql":
        return sql
    raw = connection.connection
    if getattr(connection, "_tongxin_prepared_on", None) is not raw:
        numbered, n = sql, 0
        while "%s" in numbered:
            n += 1
            numbered = numbered.replace("%s", f"${n}", 1)
        raw.execute(f"PREPARE {PREPARED_SESSION} AS {numbered}")
        connection._tongxin_prepared_on = raw
    return f"EXECUTE {PREPARED_SESSION} (%s, %s, %s, %s)"
