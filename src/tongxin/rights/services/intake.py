"""What a submission needs to know before it writes, read in one statement built once.

Submission is the desk's busiest write (a new-term week brings thousands an hour). Before it
writes, it needs the category (still active? urgent?), the queue it goes to (the college
union where the school routes the category there, else the graduate or the school union),
the school's settings (first-reply clock, daily limit) and how many issues the student has
already submitted today. Each is a primary-key or short index lookup; asked one by one they
cost five round trips, so they are asked as scalar subqueries of a single query on the
category, which answers no row for an unknown category.

Through the ORM (annotations and subqueries) that one statement cost about 4 ms of CPU per
submission to build and compile — more than everything the submission writes
(docs/performance.md, "Where a submission's time goes"). Its SQL text is therefore made
once per process from the models' metadata (tables and columns: a new settings or category
field needs no change here) and only executed per submission; the values become a
category and a settings object through Model.from_db with the database's own converters,
as the ORM would make them. rights/tests/test_intake.py checks it against ORM reads.
"""

import datetime
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connections
from django.db.models import Field, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import StudentLevel, User
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node, NodeKind

from ..models import CategoryRoute, Issue, IssueCategory, RightsSettings, SealedIdentity


@dataclass(frozen=True)
class Intake:
    category: IssueCategory
    union_id: int
    settings: RightsSettings
    submitted_today: int


def day_start(now: datetime.datetime | None = None) -> datetime.datetime:
    return timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)


def _fields(model: type[Model]) -> tuple[Field[Any, Any], ...]:
    return tuple(model._meta.concrete_fields)


# Columns of the statement: the category's, four figures, then the settings row's (all of
# them: the object handed to the clocks must never hold a default where the school saved a
# value; a school without a row reads NULLs and gets the defaults).
_CATEGORY = _fields(IssueCategory)
_SETTINGS = _fields(RightsSettings)
_FIGURES = ("college_union_id", "graduate_union_id", "school_union_id", "submitted_today")


@cache
def _statement(vendor: str) -> str:
    """The SQL for one database vendor (quoting differs). Parameters, in order: the school
    (route), the student's college, the school twice (graduate and school union), the
    student and day start twice (own issues, sealed ones), the school (settings), the
    category. Cached per process: the models do not change at run time."""
    q = connections["default"].ops.quote_name

    def table(model: type[Model]) -> str:
        return q(model._meta.db_table)

    def col(model: type[Model], name: str) -> str:
        field = model._meta.get_field(name)
        assert isinstance(field, Field)
        return q(str(field.column))

    node, issue = table(Node), table(Issue)
    nid, kind, path = col(Node, "id"), col(Node, "kind"), col(Node, "path")

    def union(where: str, node_kind: NodeKind) -> str:
        return (
            f"(SELECT n.{nid} FROM {node} n WHERE {where} AND n.{kind} = '{node_kind.value}' "
            f"ORDER BY n.{path} LIMIT 1)"
        )

    routed = (
        f"EXISTS (SELECT 1 FROM {table(CategoryRoute)} r "
        f"WHERE r.{col(CategoryRoute, 'school')} = %s "
        f"AND r.{col(CategoryRoute, 'category')} = c.{col(IssueCategory, 'id')})"
    )
    college = union(f"n.{col(Node, 'parent')} = %s", NodeKind.COLLEGE_UNION)
    graduate = union(f"n.{col(Node, 'school')} = %s", NodeKind.GRADUATE_UNION)
    school = union(f"n.{col(Node, 'school')} = %s", NodeKind.SCHOOL_UNION)
    created = col(Issue, "created_at")
    # Two counts, not one OR across a join: each one walks its own index.
    own = (
        f"(SELECT COUNT(*) FROM {issue} i WHERE i.{col(Issue, 'submitter')} = %s "
        f"AND i.{created} >= %s)"
    )
    sealed = (
        f"(SELECT COUNT(*) FROM {table(SealedIdentity)} si INNER JOIN {issue} i "
        f"ON i.{col(Issue, 'id')} = si.{col(SealedIdentity, 'issue')} "
        f"WHERE si.{col(SealedIdentity, 'user')} = %s AND i.{created} >= %s)"
    )
    columns = ", ".join(
        [f"c.{q(str(f.column))}" for f in _CATEGORY]
        + [f"CASE WHEN {routed} THEN {college} END", graduate, school, f"{own} + {sealed}"]
        + [f"s.{q(str(f.column))}" for f in _SETTINGS]
    )
    return (
        f"SELECT {columns} FROM {table(IssueCategory)} c "
        f"LEFT JOIN {table(RightsSettings)} s ON s.{col(RightsSettings, 'school')} = %s "
        f"WHERE c.{col(IssueCategory, 'id')} = %s"
    )


_CONVERTERS: dict[tuple[str, str], list[tuple[int, list[Any], Any]]] = {}


def _converters(connection: Any, model: type[Model]) -> list[tuple[int, list[Any], Any]]:
    """What the ORM applies to each column of `model` read from this database (SQLite hands
    back booleans as integers; PostgreSQL needs none for these). Once per vendor."""
    key = (connection.vendor, model._meta.label)
    if key not in _CONVERTERS:
        found = []
        for index, field in enumerate(_fields(model)):
            column = field.get_col("x")
            chain = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
            if chain:
                found.append((index, chain, column))
        _CONVERTERS[key] = found
    return _CONVERTERS[key]


def _instance(connection: Any, model: type[Model], values: list[Any]) -> Any:
    for index, chain, column in _converters(connection, model):
        if values[index] is not None:
            for convert in chain:
                values[index] = convert(values[index], column, connection)
    return model.from_db(connection.alias, [f.attname for f in _fields(model)], values)


def _route(student: User, row: dict[str, Any]) -> int:
    """The queue: the college union where the category is routed to it, the graduate union
    for graduate students, else the school union."""
    candidates = [row["college_union_id"]]
    if student.level == StudentLevel.GRADUATE:
        candidates.append(row["graduate_union_id"])
    candidates.append(row["school_union_id"])
    for union_id in candidates:
        if union_id is not None:
            return int(union_id)
    raise DomainError(_("本校尚未设立学生会，暂时无法受理诉求。"))


def _read(student: User, school_id: int, category_id: int) -> tuple[Any, ...] | None:
    connection = connections["default"]
    since = connection.ops.adapt_datetimefield_value(day_start())
    params: list[Any] = [school_id, student.college_id, school_id, school_id]
    params += [student.pk, since, student.pk, since, school_id, category_id]
    with connection.cursor() as cursor:
        cursor.execute(_statement(connection.vendor), params)
        row: tuple[Any, ...] | None = cursor.fetchone()
        return row


def intake_for(student: User, category_id: int) -> Intake:
    """Everything `issue_submit` reads, in one query; refuses an unknown category and a
    student without a school or without a union to answer them."""
    school_id = student.school_id
    if school_id is None:
        raise DomainError(_("您的账号没有所属学校，无法提交诉求。"))
    try:
        row = _read(student, school_id, int(category_id))
    except (TypeError, ValueError):
        row = None
    if row is None:
        raise DomainError(_("未知的类别，请重新选择。"), field="category")
    connection = connections["default"]
    width = len(_CATEGORY)
    figures = dict(zip(_FIGURES, row[width : width + len(_FIGURES)], strict=True))
    saved = list(row[width + len(_FIGURES) :])
    if saved[0] is None:  # the school saved no settings: the defaults
        settings = RightsSettings(school_id=school_id)
    else:
        settings = _instance(connection, RightsSettings, saved)
    return Intake(
        category=_instance(connection, IssueCategory, list(row[:width])),
        union_id=_route(student, figures),
        settings=settings,
        submitted_today=int(figures["submitted_today"]),
    )
