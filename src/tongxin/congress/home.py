"""The congress sessions' parts of the home cards (see accounts/home.py): when the union is
due its next congress (its officers), how many unions are overdue (the school's advisor,
the city federation's staff)."""

from typing import Any

from django.utils import timezone

from tongxin.accounts.models import Role
from tongxin.core.registration import HomePart
from tongxin.orgs.models import NodeKind

from . import selectors
from .presenters import due_of


def _union_due(grant: Any, node: Any, user: Any) -> dict[str, Any]:
    line = selectors.line_of_union(node.pk) if node is not None and node.is_union else None
    return {"line": line, "due": due_of(line) if line is not None else None}


def _school_overdue(grant: Any, node: Any, user: Any) -> dict[str, Any]:
    if node is None or node.kind != NodeKind.SCHOOL:
        return {"overdue": 0}
    return {"overdue": selectors.overdue_count(school_id=node.pk, on=timezone.localdate())}


def _city_overdue(grant: Any, node: Any, user: Any) -> dict[str, Any]:
    if node is None or node.kind != NodeKind.CITY:
        return {"overdue": 0}
    return {"overdue": selectors.overdue_count(supervisor_id=node.pk, on=timezone.localdate())}


OVERDUE = "congress/session/home/_overdue.html"
PARTS = [
    HomePart(Role.OFFICER, "congress/session/home/_due.html", _union_due, order=40),
    HomePart(Role.ADVISOR, OVERDUE, _school_overdue, order=40),
    HomePart(Role.FEDERATION_STAFF, OVERDUE, _city_overdue, order=40),
]
