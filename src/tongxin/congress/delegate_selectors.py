"""Read queries of the delegates: the rules of a level, the live student counts a quota is
computed from, the lists a person may open (scoped in the database), a person's delegacy.

Every function answers in a bounded number of queries, whatever the size of the school.
"""

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet

from tongxin.accounts.models import Membership, Role, StudentLevel, User
from tongxin.accounts.roles import STUDENT_ROLES, grants_where, node_ids_where, school_ids_where
from tongxin.orgs.models import Node, NodeKind

from .models import (
    CongressRule,
    Delegate,
    DelegateList,
    DelegateListState,
    DelegateObjection,
    Session,
    UnionLevel,
)
from .rules import DELEGATE_PUBLIC_STATES

LIST_RELATED = ("session", "union", "school", "session__line")


def rule_for(level: str) -> CongressRule:
    """The province's rule row of a union level, or the defaults when it has none."""
    return CongressRule.objects.filter(level=level).first() or CongressRule(level=level)


def level_of(union: Node) -> str:
    if union.kind == NodeKind.GRADUATE_UNION:
        return UnionLevel.GRADUATE
    if union.kind == NodeKind.COLLEGE_UNION:
        return UnionLevel.COLLEGE
    return UnionLevel.SCHOOL


def represented(union: Node) -> "QuerySet[User]":
    """The students a union's congress represents (live register rows): a college union's
    are its college's students in a class; a graduate union's the school's graduate
    students; a school union's the school's other students (all of them when the school
    has no graduate union)."""
    students = User.objects.filter(is_active=True, school_id=union.school_id, is_system=False)
    if union.kind == NodeKind.COLLEGE_UNION:
        return students.filter(college_id=union.parent_id, klass__isnull=False)
    students = students.filter(college__isnull=False)
    if union.kind == NodeKind.GRADUATE_UNION:
        return students.filter(level=StudentLevel.GRADUATE)
    has_graduate_union = Node.objects.filter(
        school_id=union.school_id, kind=NodeKind.GRADUATE_UNION
    ).exists()
    return students.exclude(level=StudentLevel.GRADUATE) if has_graduate_union else students


def unit_field(union: Node) -> str:
    """The quota's unit: the class in a college union's congress, else the college."""
    return "klass_id" if union.kind == NodeKind.COLLEGE_UNION else "college_id"


def student_counts(union: Node) -> dict[int, int]:
    """Students per unit (node id → count), units in the tree's order (by name, then id)."""
    field = unit_field(union)
    rows = (
        represented(union)
        .values(field)
        .annotate(n=Count("pk"))
        .order_by(field.replace("_id", "__name"), field)
    )
    return {row[field]: row["n"] for row in rows}


def delegate_lists_for(actor: Any, *, state: str = "") -> "QuerySet[DelegateList]":
    """The lists the actor may open: all states for the unions they serve, advise or
    oversee; lists under notice and confirmed ones for the students of the school."""
    unions = [
        g.node_id
        for g in grants_where(actor, Role.OFFICER)
        if g.node_kind in (NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION, NodeKind.COLLEGE_UNION)
    ]
    scope = Q(union_id__in=unions)
    scope |= Q(school_id__in=school_ids_where(actor, Role.ADVISOR))
    scope |= Q(union__parent_id__in=node_ids_where(actor, Role.COLLEGE_SECRETARY))
    scope |= Q(
        school_id__in=school_ids_where(actor, *STUDENT_ROLES), state__in=DELEGATE_PUBLIC_STATES
    )
    rows = DelegateList.objects.filter(scope).select_related(*LIST_RELATED)
    if state:
        rows = rows.filter(state=state)
    return rows.order_by("-pk")


def delegate_list_get_for(actor: Any, pk: int) -> DelegateList:
    """One list the actor may open (DoesNotExist otherwise, as if missing)."""
    return delegate_lists_for(actor).get(pk=pk)


def sessions_to_prepare_for(actor: Any) -> "QuerySet[Session]":
    """Approved sessions of the unions the actor presides, still without a delegate list."""
    from tongxin.accounts.models import PRESIDIUM_POSITIONS

    from .rules import DELEGATE_SESSION_STATES

    unions = [
        g.node_id for g in grants_where(actor, Role.OFFICER) if g.position in PRESIDIUM_POSITIONS
    ]
    return (
        Session.objects.filter(
            union_id__in=unions, state__in=DELEGATE_SESSION_STATES, delegates__isnull=True
        )
        .select_related("union")
        .order_by("pk")
    )


def members_of(delegate_list: DelegateList) -> "QuerySet[Delegate]":
    return (
        Delegate.objects.filter(delegate_list=delegate_list)
        .select_related("user", "unit")
        .order_by("unit__name", "unit_id", "user__number", "pk")
    )


def officer_ids(user_ids: list[int], on: datetime.date) -> set[int]:
    """The users among `user_ids` holding an active union office on `on` (one query)."""
    return set(
        Membership.objects.active(on)
        .filter(user_id__in=user_ids, role=Role.OFFICER)
        .values_list("user_id", flat=True)
    )


def delegacies_of(user: Any, on: datetime.date) -> "QuerySet[Delegate]":
    """The user's delegate seats in a confirmed list whose term covers `on` (the badge)."""
    return (
        Delegate.objects.filter(
            user_id=user.pk,
            delegate_list__state=DelegateListState.CONFIRMED,
            delegate_list__term_start__lte=on,
            delegate_list__term_end__gte=on,
        )
        .select_related("delegate_list__union", "delegate_list__session")
        .order_by("-delegate_list__term_end")
    )


def objection_of(delegate_list: DelegateList, pk: int) -> "DelegateObjection | None":
    """One objection to `delegate_list` (None when it is another list's or missing)."""
    return DelegateObjection.objects.filter(delegate_list=delegate_list, pk=pk).first()
