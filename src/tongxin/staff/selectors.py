"""Reads about union staff, scoped to the viewer in SQL."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, Q, QuerySet, Value, When

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Membership, Position, Role, User
from tongxin.accounts.reach import grants_of, node_scope
from tongxin.orgs.models import UNION_KINDS, Node, NodeKind

from .limits import Breach, Counts, Limits, breaches, limits_at, limits_for
from .models import (
    AcademicUpload,
    AcademicWarning,
    Department,
    RewardPenalty,
    RotationSlot,
    StaffLimit,
    UnionLevel,
)

SCHOOL_READERS = [Role.OFFICER, Role.COLLEGE_SECRETARY, Role.ADVISOR]
FEDERATION = [Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN, Role.COUNTY_SPECIALIST]


def union_list_for(*, actor: Any, over_limits: bool = False) -> QuerySet[Node]:
    """Unions whose staff the actor may see: school roles over them, federation staff above them.
    `over_limits` keeps only those exceeding a limit, in SQL (so pages stay full)."""
    scope = node_scope(actor, roles=SCHOOL_READERS + FEDERATION)
    active = Q(memberships__role=Role.OFFICER, memberships__end__isnull=True)
    unions = (
        Node.objects.filter(scope, kind__in=UNION_KINDS)
        .select_related("school")
        .annotate(
            staff=Count("memberships", filter=active, distinct=True),
            presidium=Count(
                "memberships",
                filter=active & Q(memberships__position__in=PRESIDIUM_POSITIONS),
                distinct=True,
            ),
            dept_count=Count("departments", filter=Q(departments__is_active=True), distinct=True),
        )
        .order_by("school__code", "path")
    )
    return unions.filter(_over_limits()) if over_limits else unions


LEVEL_KINDS = {
    UnionLevel.SCHOOL: [NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION],
    UnionLevel.COLLEGE: [NodeKind.COLLEGE_UNION],
}


def _over_limits() -> Q:
    """The condition `limits.breaches()` checks, as SQL on union_list_for's annotations:
    one branch per (level, larger-limit school) pair, since the limits differ by both."""
    condition = Q(pk__in=[])
    for level, kinds in LEVEL_KINDS.items():
        for large in (False, True):
            limits = limits_at(level, large=large)
            over = Q(pk__in=[])
            for rule, column in (
                ("staff", "staff"),
                ("presidium", "presidium"),
                ("departments", "dept_count"),
            ):
                if getattr(limits, rule) is not None:
                    over |= Q(**{f"{column}__gt": getattr(limits, rule)})
            condition |= Q(kind__in=kinds, school__allows_large_staff=large) & over
    return condition


def union_get_for(*, actor: Any, pk: int) -> Node:
    return union_list_for(actor=actor).get(pk=pk)


@dataclass(frozen=True)
class UnionRow:
    union: Node
    counts: Counts
    limits: Limits
    breaches: list[Breach]


def union_rows(unions: list[Node]) -> list[UnionRow]:
    """Counts come annotated; limits are resolved once per (level, large-school) pair."""
    cache: dict[tuple[str, bool], Limits] = {}
    rows = []
    for union in unions:
        key = (union.kind, bool(union.school and union.school.allows_large_staff))
        if key not in cache:
            cache[key] = limits_for(union)
        annotated: Any = union  # counts were annotated by union_list_for
        counts = Counts(
            staff=annotated.staff, presidium=annotated.presidium, departments=annotated.dept_count
        )
        rows.append(UnionRow(union, counts, cache[key], breaches(union, counts, cache[key])))
    return rows


# Rank order of the union positions (as declared: 主席 first, 干事 last); sorting by the
# stored value put 干事 ("member") before 部长 ("minister").
POSITION_RANK = Case(
    *(When(position=value, then=Value(rank)) for rank, value in enumerate(Position.values)),
    default=Value(len(Position.values)),
)


def roster_of(union: Node) -> list[Membership]:
    return list(
        Membership.objects.active()
        .filter(node=union, role=Role.OFFICER)
        .select_related("user", "appointment__department")
        .order_by(POSITION_RANK, "user__real_name")
    )


def departments_of(union: Node) -> list[Department]:
    return list(Department.objects.filter(union=union, is_active=True).order_by("name"))


def rotation_of(union: Node) -> list[RotationSlot]:
    return list(RotationSlot.objects.filter(union=union).select_related("user").order_by("start"))


def records_of(union: Node) -> list[RewardPenalty]:
    officer_ids = (
        Membership.objects.active().filter(node=union, role=Role.OFFICER).values("user_id")
    )
    return list(
        RewardPenalty.objects.filter(officer_id__in=officer_ids)
        .select_related("officer")
        .order_by("-date")[:50]
    )


def school_student(school: Node, number: str) -> User | None:
    return (
        User.objects.filter(school=school, number=number.strip()).first()
        if number.strip()
        else None
    )


def department_of(union: Node, pk: Any) -> Department | None:
    return (
        Department.objects.filter(union=union, pk=pk, is_active=True).first()
        if str(pk).isdigit()
        else None
    )


def membership_of(union: Node, pk: Any) -> Membership | None:
    if not str(pk).isdigit():
        return None
    return (
        Membership.objects.active()
        .filter(node=union, role=Role.OFFICER, pk=pk)
        .select_related("user")
        .first()
    )


def warnings_for_school(school: Node) -> QuerySet[AcademicWarning]:
    return (
        AcademicWarning.objects.filter(school=school)
        .select_related("officer", "union")
        .order_by("-term", "union__path", "officer__real_name")
    )


def warning_counts_by_union(school: Node) -> dict[int, int]:
    rows = (
        AcademicWarning.objects.filter(school=school, status__in=["open", "exit_proposed"])
        .values("union_id")
        .annotate(n=Count("id"))
    )
    return {r["union_id"]: r["n"] for r in rows}


def warnings_of_union(union: Node) -> QuerySet[AcademicWarning]:
    return AcademicWarning.objects.filter(union=union).select_related("officer").order_by("-term")


def my_warnings(user: User) -> QuerySet[AcademicWarning]:
    return AcademicWarning.objects.filter(officer=user).select_related("union").order_by("-term")


def advised_school(actor: Any) -> Node | None:
    for grant in grants_of(actor):
        if grant.role == Role.ADVISOR and grant.school_id:
            return Node.objects.get(pk=grant.school_id)
    return None


def upload_schools(actor: Any) -> list[Node]:
    """Schools the actor uploads grades for: the advisor's, or the academic office's school."""
    ids = {
        g.school_id
        for g in grants_of(actor)
        if g.school_id and g.role in {Role.ADVISOR, Role.OFFICE_HANDLER}
    }
    return list(Node.objects.filter(pk__in=ids).order_by("code"))


def uploads_for(actor: Any) -> QuerySet[AcademicUpload]:
    """The advisor sees the school's uploads; an academic-office handler their own."""
    advised = [g.school_id for g in grants_of(actor) if g.role == Role.ADVISOR]
    return (
        AcademicUpload.objects.filter(Q(school_id__in=advised) | Q(uploaded_by=actor))
        .select_related("uploaded_by")
        .order_by("-id")
    )


def limit_rows() -> QuerySet[StaffLimit]:
    return StaffLimit.objects.order_by("-academic_year", "level")
