"""Index walks joined by UNION ALL: the first rows of a list whose filter is an OR or an
IN over several keys, read through one index per key instead of sorting every match.

A filter like `union IN (…) AND status IN (…) ORDER BY due_at` cannot come out of an
index (union, status, due_at, id) in due_at order: the database reads every matching row
and sorts them before it takes the page. One walk per (union, status), each stopped after
the rows the page can show, reads those rows only; the caller keeps the first of them all
(`pk__in` this subquery, its own ORDER BY and LIMIT), so its results and order are the
ones the single filter gave.

Written as SQL because the ORM cannot LIMIT the branches of a compound query on SQLite.
Each walk names its key as constants, so PostgreSQL plans it with that key's statistics.

A list needing more than MAX_PARTS parts (a handler of many offices with every state, an
officer reading a hundred college unions) is not walked: the caller reads its single
filter with the same ORDER BY and LIMIT, which gives the same rows (`fits` decides).
"""

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models.expressions import RawSQL

ALIAS = "w"  # the walked table's alias in every walk

# SQLite refuses a compound SELECT of more than 500 terms (SQLITE_MAX_COMPOUND_SELECT's
# default): "too many terms in compound SELECT". Lists that would need more parts read
# their single filter instead; 400 keeps clear of that limit. PostgreSQL has no such limit,
# but it plans each part (about 0.1 ms a part): past a few hundred, planning the walks
# costs more than the single filter's read of one actor's rows, so both engines fall back.
MAX_PARTS = 400
PARTS_PER_WALK = 2  # by_deadline: the rows with a deadline, then those without


def fits(parts: int) -> bool:
    """Whether a UNION ALL of `parts` parts may be built (else: the single filter)."""
    return parts <= MAX_PARTS


@dataclass(frozen=True)
class Walk:
    """One LIMITed walk: `SELECT w.id FROM <source> WHERE <where> ORDER BY … LIMIT n`.
    `source` names the walked table as `w` (and may join it to another)."""

    source: str
    where: str
    params: tuple[Any, ...]


def column(name: str) -> str:
    """A column of the walked table, quoted."""
    return f"{ALIAS}.{connection.ops.quote_name(name)}"


def table(model: Any) -> str:
    """The walked table itself (a model's table as `w`)."""
    return f"{connection.ops.quote_name(model._meta.db_table)} {ALIAS}"


def by_deadline(walk: Walk, *, deadline: str, newest_tie: bool, limit: int) -> list[str]:
    """The SQL of two walks of `walk`: its rows with a deadline, nearest first (ties by id,
    newest first when `newest_tie`), then its rows without one (by id, the same way).
    Split so each walk comes out of an index ending in (deadline, id) on both engines:
    SQLite puts NULLs first and PostgreSQL last, and NULLS LAST is an ORDER BY no index
    serves on SQLite. The caller's ORDER BY puts the two back in its own order."""
    way = "DESC" if newest_tie else "ASC"
    due, pk = column(deadline), column("id")
    head = f"SELECT {pk} FROM {walk.source} WHERE {walk.where}"
    # Without a deadline the rows are in id order; the ORDER BY still names the deadline
    # (all NULL there) because PostgreSQL treats `IS NULL` as no equality: `ORDER BY id`
    # alone would sort every such row instead of reading the index forwards or backwards.
    return [
        f"{head} AND {due} IS NOT NULL ORDER BY {due} ASC, {pk} {way} LIMIT {int(limit)}",
        f"{head} AND {due} IS NULL ORDER BY {due} {way}, {pk} {way} LIMIT {int(limit)}",
    ]


def first_of(walks: list[Walk], *, deadline: str, newest_tie: bool, limit: int) -> RawSQL | None:
    """The ids the walks read, as a subquery (None when there is nothing to walk): at most
    2 × `limit` rows a walk, whatever the filter matches. The caller checks
    `fits(len(walks) * PARTS_PER_WALK)` first and reads its single filter when it fails."""
    if not walks or limit <= 0:
        return None
    _check(len(walks) * PARTS_PER_WALK)
    parts: list[str] = []
    params: list[Any] = []
    for walk in walks:
        for sql in by_deadline(walk, deadline=deadline, newest_tie=newest_tie, limit=limit):
            parts.append(f"SELECT * FROM ({sql}) AS {ALIAS}{len(parts)}")
            params.extend(walk.params)
    q = connection.ops.quote_name
    return RawSQL(f"SELECT {q('id')} FROM ({' UNION ALL '.join(parts)}) AS walks", params)


def union_of(walks: list[Any]) -> RawSQL | None:
    """The ids a list of LIMITed, ordered querysets read (each compiled by the ORM, so its
    filters are the ones the single query had), as one UNION ALL subquery. The caller
    checks `fits(len(walks))` first and reads its single filter when it fails."""
    _check(len(walks))
    parts: list[str] = []
    params: list[Any] = []
    for n, qs in enumerate(walks):
        sql, own = qs.values_list("id").query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS {ALIAS}{n}")
        params.extend(own)
    if not parts:
        return None
    q = connection.ops.quote_name
    return RawSQL(f"SELECT {q('id')} FROM ({' UNION ALL '.join(parts)}) AS walks", params)


def _check(parts: int) -> None:
    # A caller that forgot `fits` fails here, on both engines and with few rows, rather
    # than on SQLite only, at the first actor with many offices or unions.
    if not fits(parts):
        raise ValueError(f"{parts} parts exceed walks.MAX_PARTS: read the single filter")
