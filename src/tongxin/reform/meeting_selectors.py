"""Reads of call-ins (请上来) and meeting records (part H): why a school's assessment fails,
the marked schools and the candidates in a federation's reach, a school's meetings, and
the gates (missing and out of reach alike raise DoesNotExist → 404).

A school "fails" a year when its rating does not pass (the province's confirmed grade, or
the city's proposal until then) or when a ★ indicator of one of its unions fails."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from tongxin.accounts.models import Membership, Role
from tongxin.accounts.reach import node_scope
from tongxin.accounts.roles import FEDERATION_ROLES, grants_where
from tongxin.core.pagination import MAX_ID
from tongxin.orgs.models import Node, NodeKind

from .models import (
    Mark,
    Meeting,
    Rating,
    RatingState,
    Result,
    SchoolAssessment,
)

READER_ROLES = (Role.ADVISOR, *FEDERATION_ROLES)
HOST_ROLES = (Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN)
HOST_KINDS = (NodeKind.CITY, NodeKind.PROVINCE)


@dataclass(frozen=True)
class Failure:
    """One reason a school's assessment fails, as a line for the page."""

    kind: str  # "rating" or "core"
    text: str


def grade_of(rating: Rating) -> tuple[str, bool]:
    """The rating's grade in force (the province's once confirmed) and whether it passes."""
    code = rating.grade if rating.state == RatingState.CONFIRMED else rating.proposed_grade
    grade = next((g for g in rating.scale.grades if g["code"] == code), None)
    label = grade["label"] if grade else code
    return label, bool(grade and grade.get("passes"))


def failures_of(assessment: SchoolAssessment) -> list[Failure]:
    """Why `assessment` fails (empty: it does not), in two queries."""
    found: list[Failure] = []
    rating = Rating.objects.filter(assessment=assessment).select_related("scale").first()
    if rating is not None:
        label, passes = grade_of(rating)
        if not passes:
            found.append(Failure("rating", f"评定等级：{label}"))
    core = (
        Result.objects.filter(
            school_id=assessment.school_id,
            catalogue__academic_year=assessment.academic_year,
            indicator__mark=Mark.CORE,
            passed=False,
        )
        .select_related("union", "indicator")
        .order_by("union__path", "indicator__number")
    )
    for result in core:
        remark = f"（{result.remark}）" if result.remark else ""
        found.append(
            Failure(
                "core",
                f"{result.union.name} ★第 {result.indicator.number} 项"
                f"“{result.indicator.short}”未达标{remark}",
            )
        )
    return found


def failing_school_ids(year: int, school_ids: QuerySet[Any] | list[int]) -> set[int]:
    """The schools among `school_ids` failing `year` (two grouped queries, any number)."""
    core = set(
        Result.objects.filter(
            catalogue__academic_year=year,
            indicator__mark=Mark.CORE,
            passed=False,
            school_id__in=school_ids,
        )
        .values_list("school_id", flat=True)
        .distinct()
    )
    ratings = Rating.objects.filter(
        assessment__academic_year=year, school_id__in=school_ids
    ).select_related("scale")
    return core | {r.school_id for r in ratings if not grade_of(r)[1]}


# --- lists --------------------------------------------------------------------------------


def assessments_in_reach(*, actor: Any, year: int) -> QuerySet[SchoolAssessment]:
    """The year's assessments of the schools below the actor's federation nodes (the
    advisor's own school for an advisor), schools in code order."""
    return (
        SchoolAssessment.objects.filter(
            node_scope(actor, field="school__", roles=READER_ROLES), academic_year=year
        )
        .select_related("school")
        .order_by("school__code", "pk")
    )


def call_in_list_for(*, actor: Any, year: int) -> QuerySet[SchoolAssessment]:
    """The marked schools (列为约谈对象) of the year in the actor's reach."""
    return assessments_in_reach(actor=actor, year=year).filter(call_in=True)


def call_in_candidates_for(*, actor: Any, year: int) -> list[SchoolAssessment]:
    """The failing schools of the year in reach not yet marked (bounded by the reach)."""
    unmarked = assessments_in_reach(actor=actor, year=year).filter(call_in=False)
    failing = failing_school_ids(year, unmarked.values("school_id"))
    return [a for a in unmarked if a.school_id in failing]


def meeting_list_for(*, actor: Any, school: Node | None = None) -> QuerySet[Meeting]:
    """Meetings of the schools in reach (of `school` only when given), newest first."""
    rows = Meeting.objects.filter(node_scope(actor, field="school__", roles=READER_ROLES))
    if school is not None:
        rows = rows.filter(school=school)
    return rows.select_related("school", "host", "assessment").order_by("-held_on", "-pk")


# --- gates --------------------------------------------------------------------------------


def school_get_for(*, actor: Any, pk: int) -> Node:
    """A school whose meetings the actor reads, or Node.DoesNotExist (404)."""
    if not 0 < pk <= MAX_ID:
        raise Node.DoesNotExist
    return Node.objects.filter(node_scope(actor, roles=READER_ROLES), kind=NodeKind.SCHOOL).get(
        pk=pk
    )


def assessment_get_for(*, actor: Any, pk: int) -> SchoolAssessment:
    """An assessment of a school in reach, or SchoolAssessment.DoesNotExist (404)."""
    if not 0 < pk <= MAX_ID:
        raise SchoolAssessment.DoesNotExist
    rows = SchoolAssessment.objects.filter(node_scope(actor, field="school__", roles=READER_ROLES))
    return rows.select_related("school").get(pk=pk)


def assessments_of_school(school: Node) -> list[SchoolAssessment]:
    return list(SchoolAssessment.objects.filter(school=school).order_by("-academic_year"))


def host_for(actor: Any, school: Node) -> Node | None:
    """The federation node the actor hosts a meeting for `school` as: their nearest city or
    province grant over the school (the city before the province)."""
    grants = [
        g
        for g in grants_where(actor, *HOST_ROLES, node_kinds=set(HOST_KINDS))
        if school.path.startswith(g.path)
    ]
    if not grants:
        return None
    nearest = max(grants, key=lambda g: len(g.path))
    return Node.objects.get(pk=nearest.node_id)


def advisors_of(school: Node) -> list[Any]:
    rows = Membership.objects.active().filter(role=Role.ADVISOR, node=school)
    return [m.user for m in rows.select_related("user")]
