"""Writing a checked plan: units, accounts and memberships in a handful of bulk statements.

The caller holds the transaction. Accounts get one shared unusable password (imported
people activate their account through a link from the advisor).
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from tongxin.accounts.models import Membership, Role, User
from tongxin.orgs.models import Node, NodeKind
from tongxin.orgs.services import place_node

from .planning import Key, Plan

# Rows per UPDATE when filling paths: each row costs ~7 parameters in the CASE it builds.
PATH_BATCH = 1000


@contextmanager
def full_sqlite_batches() -> Iterator[None]:
    """Use the connection's real limit of parameters per statement while inside.

    Django 5.2 assumes SQLite's pre-3.32 limit of 999, which splits 10,000 accounts into
    ~480 INSERTs; current SQLite allows 32,766 or more, so a few statements suffice.
    """
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    features = connection.features
    had_own = "max_query_params" in vars(features)
    previous = features.max_query_params
    features.max_query_params = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    try:
        yield
    finally:
        if had_own:
            features.max_query_params = previous
        else:
            del features.max_query_params


def write_plan(plan: Plan) -> dict[str, int]:
    """Create everything the plan lists; return what was created."""
    with full_sqlite_batches():
        units = _create_units(plan)
        users = _create_people(plan, units)
        _create_memberships(plan, users, units)
    return {
        "colleges": len(plan.colleges),
        "classes": len(plan.classes),
        "offices": len(plan.offices),
        "students": len(plan.students),
        "staff": len(plan.staff),
        "reused": plan.reused,
    }


def _create_units(plan: Plan) -> dict[Key, Node]:
    """Insert with an empty path, then fill paths from the new primary keys (place_node)."""
    school = plan.school
    units: dict[Key, Node] = dict(plan.units.existing)
    top = [Node(kind=NodeKind.COLLEGE, name=r.name, parent=school) for r in plan.colleges]
    top += [
        Node(kind=NodeKind.OFFICE, name=r.name, office_kind=r.kind, parent=school)
        for r in plan.offices
    ]
    Node.objects.bulk_create(top)
    for node in top:
        place_node(node)
        units[(str(node.kind), node.name)] = node
    classes = [
        Node(kind=NodeKind.CLASS, name=r.name, parent=units[("college", r.college)])
        for r in plan.classes
    ]
    Node.objects.bulk_create(classes)
    for node, row in zip(classes, plan.classes, strict=True):
        place_node(node)
        units[("class", row.college, row.name)] = node
    Node.objects.bulk_update(top + classes, ["path", "depth", "school"], batch_size=PATH_BATCH)
    return units


def _create_people(plan: Plan, units: dict[Key, Node]) -> list[User]:
    school, password, now = plan.school, make_password(None), timezone.now()
    common = {"school": school, "password": password, "date_joined": now}
    users = [
        User(
            username=User.school_username(school.code, s.number),
            number=s.number,
            real_name=s.name,
            college=units[("college", s.college)],
            klass=units[("class", s.college, s.klass)],
            major=s.major,
            enrolment_year=s.year,
            level=s.level,
            political_status=s.political,
            gender=s.gender,
            ethnicity=s.ethnicity,
            phone=s.phone,
            email=s.email,
            **common,
        )
        for s in plan.students
    ]
    users += [
        User(
            username=User.school_username(school.code, p.number),
            number=p.number,
            real_name=p.name,
            phone=p.phone,
            email=p.email,
            **common,
        )
        for p in plan.staff
    ]
    return User.objects.bulk_create(users)


def _create_memberships(plan: Plan, users: list[User], units: dict[Key, Node]) -> None:
    school, today = plan.school, timezone.localdate()
    rows = [
        Membership(user=u, node=u.klass, school=school, role=Role.STUDENT, start=today)
        for u in users[: len(plan.students)]
    ]
    for user, person in zip(users[len(plan.students) :], plan.staff, strict=True):
        identity = person.identity
        assert identity is not None  # a plan with a bad 身份 is never written
        node = (
            school
            if identity.unit_kind == NodeKind.SCHOOL
            else units[(str(identity.unit_kind), person.unit)]
        )
        rows.append(
            Membership(
                user=user,
                node=node,
                school=school,
                role=identity.role,
                position=identity.position,
                start=today,
            )
        )
    Membership.objects.bulk_create(rows)
