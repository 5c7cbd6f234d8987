"""Training figures: sessions per union's host in the academic year, coverage of officers,
and one person's learning record."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from tongxin.accounts.models import Membership, Role, User
from tongxin.accounts.reach import node_scope
from tongxin.orgs.models import Node, NodeKind

from .models import Attendance, TrainingSession

REQUIRED_PER_YEAR = 2


def year_bounds(academic_year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(academic_year, 9, 1), datetime.date(academic_year + 1, 8, 31)


def session_list_for(*, actor: Any) -> QuerySet[TrainingSession]:
    scope = node_scope(actor, field="host__", roles=[Role.ADVISOR, Role.COLLEGE_SECRETARY])
    return (
        TrainingSession.objects.filter(scope)
        .select_related("host")
        .annotate(attendees=Count("attendances"))
    )


def session_get_for(*, actor: Any, pk: int) -> TrainingSession:
    return session_list_for(actor=actor).get(pk=pk)


@dataclass(frozen=True)
class Coverage:
    union: Node
    sessions: int
    officers: int
    trained: int

    @property
    def rate(self) -> float | None:
        return self.trained / self.officers if self.officers else None

    @property
    def meets_twice_a_year(self) -> bool:
        return self.sessions >= REQUIRED_PER_YEAR


def host_of(union: Node) -> Node:
    """College unions are trained by their college, school-level unions by the school."""
    if union.kind == NodeKind.COLLEGE_UNION and union.parent is not None:
        return union.parent
    return union.school or union


def coverage_of(union: Node, academic_year: int) -> Coverage:
    start, end = year_bounds(academic_year)
    host = host_of(union)
    sessions = TrainingSession.objects.filter(host=host, date__range=(start, end)).count()
    officer_ids = list(
        Membership.objects.active()
        .filter(node=union, role=Role.OFFICER)
        .values_list("user_id", flat=True)
    )
    trained = (
        Attendance.objects.filter(
            user_id__in=officer_ids,
            session__date__range=(start, end),
            session__school_id=union.school_id,
        )
        .values("user_id")
        .distinct()
        .count()
    )
    return Coverage(union=union, sessions=sessions, officers=len(officer_ids), trained=trained)


def learning_record(user: User) -> tuple[list[Attendance], Decimal]:
    rows = list(
        Attendance.objects.filter(user=user)
        .select_related("session", "session__host")
        .order_by("-session__date")
    )
    total = sum((a.hours for a in rows), Decimal("0"))
    return rows, total


def school_person(school_id: int, number: str) -> User | None:
    return User.objects.filter(school_id=school_id, number=number.strip()).first()


def hosts_for(actor: Any) -> QuerySet[Node]:
    return (
        Node.objects.filter(
            node_scope(actor, roles=[Role.ADVISOR, Role.COLLEGE_SECRETARY]),
            kind__in=[NodeKind.SCHOOL, NodeKind.COLLEGE],
        )
        .filter(Q(kind=NodeKind.SCHOOL) | Q(kind=NodeKind.COLLEGE))
        .order_by("path")
    )
