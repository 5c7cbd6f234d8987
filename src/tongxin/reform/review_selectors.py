"""Reads of the review chain (issue 17): the gates for a sheet and an assessment (missing
and out of sight alike raise DoesNotExist), an assessment's sheets and timeline, the review
list of each level with its "下级未完成" (waiting) flag, the reporting rates per level, and
who is told at each level."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q, QuerySet

from tongxin.accounts.models import Membership, Role, User
from tongxin.accounts.reach import node_scope
from tongxin.accounts.roles import FEDERATION_ROLES, grants_where, school_ids_where
from tongxin.core.authz import can
from tongxin.core.pagination import MAX_ID
from tongxin.orgs.models import Node, NodeKind
from tongxin.workdays.calendar import end_of_day

from .review_models import (
    AssessmentState,
    ReviewCalendar,
    ReviewStep,
    SchoolAssessment,
    SheetState,
    UnionSheet,
)
from .rules import REVIEW_ROLES

A, S = AssessmentState, SheetState
PAST_SCHOOL = (A.SUBMITTED, A.CITY_REVIEWED, A.CONFIRMED)
PAST_CITY = (A.CITY_REVIEWED, A.CONFIRMED)

# --- gates ------------------------------------------------------------------------------


def assessment_get_for(*, actor: Any, pk: int) -> SchoolAssessment:
    if not 0 < pk <= MAX_ID:
        raise SchoolAssessment.DoesNotExist
    found = SchoolAssessment.objects.filter(pk=pk).select_related("school").first()
    if found is None or not can(actor, "reform.view_assessment", found):
        raise SchoolAssessment.DoesNotExist
    return found


def sheet_get_for(*, actor: Any, pk: int) -> UnionSheet:
    """A sheet is seen by whoever reads its union's results (part 1's rule)."""
    if not 0 < pk <= MAX_ID:
        raise UnionSheet.DoesNotExist
    found = (
        UnionSheet.objects.filter(pk=pk).select_related("union__school", "catalogue", "school")
    ).first()
    if found is None or not can(actor, "reform.view_union_results", found.union):
        raise UnionSheet.DoesNotExist
    return found


def assessment_of_sheet(sheet: UnionSheet) -> SchoolAssessment | None:
    return SchoolAssessment.objects.filter(
        school_id=sheet.school_id, academic_year=sheet.catalogue.academic_year
    ).first()


def sheet_of(union: Node, year: int) -> UnionSheet | None:
    return (
        UnionSheet.objects.filter(union=union, catalogue__academic_year=year)
        .select_related("union", "catalogue", "school")
        .first()
    )


# --- one assessment -----------------------------------------------------------------------


def sheets_of(assessment: SchoolAssessment) -> list[UnionSheet]:
    return list(
        UnionSheet.objects.filter(
            school_id=assessment.school_id, catalogue__academic_year=assessment.academic_year
        )
        .select_related("union", "catalogue", "school")
        .order_by("catalogue__level", "union__path")
    )


def steps_of(assessment: SchoolAssessment) -> list[ReviewStep]:
    return list(assessment.steps.select_related("actor", "sheet__union"))


def unchecked_unions(assessment: SchoolAssessment) -> list[str]:
    """The names of the unions whose sheet the advisor has not checked yet."""
    return list(
        UnionSheet.objects.filter(
            school_id=assessment.school_id, catalogue__academic_year=assessment.academic_year
        )
        .exclude(state=S.SCHOOL_CHECKED)
        .order_by("union__path")
        .values_list("union__name", flat=True)
    )


def calendar_of(year: int) -> ReviewCalendar | None:
    return ReviewCalendar.objects.filter(academic_year=year).first()


# --- who is told ------------------------------------------------------------------------


def _holders(**filters: Any) -> list[User]:
    ids = Membership.objects.active().filter(**filters).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=list(ids), is_active=True))


def advisors_of(school_id: int) -> list[User]:
    return _holders(role=Role.ADVISOR, node_id=school_id)


def union_people(union: Node) -> list[User]:
    """A union's officers, and for a college union its college's league secretary."""
    people = _holders(role=Role.OFFICER, node_id=union.pk)
    if union.kind == NodeKind.COLLEGE_UNION and union.parent_id is not None:
        people += _holders(role=Role.COLLEGE_SECRETARY, node_id=union.parent_id)
    return people


def secretaries_of(union: Node) -> list[User]:
    if union.kind != NodeKind.COLLEGE_UNION or union.parent_id is None:
        return []
    return _holders(role=Role.COLLEGE_SECRETARY, node_id=union.parent_id)


def reviewers_of(school: Node, kind: str) -> list[User]:
    """The staff and admins of the city (or province) federation over `school`."""
    return _holders(role__in=REVIEW_ROLES, node__kind=kind, node_id__in=school.ancestor_ids())


# --- the review list ----------------------------------------------------------------------


def level_of(actor: Any) -> str:
    """The level the actor reviews at: province, city (county specialists read as the city
    does), school (the advisor)."""
    kinds = {g.node_kind for g in grants_where(actor, *FEDERATION_ROLES)}
    if NodeKind.PROVINCE in kinds:
        return "province"
    if kinds:
        return "city"
    return "school"


def assessments_for(*, actor: Any, year: int, state: str = "") -> QuerySet[SchoolAssessment]:
    """The assessments the actor's level reviews: the advisor's school, the schools below a
    federation node."""
    schools = Node.objects.filter(
        node_scope(actor, roles=(Role.ADVISOR, *FEDERATION_ROLES)), kind=NodeKind.SCHOOL
    )
    rows = SchoolAssessment.objects.filter(academic_year=year, school__in=schools)
    if state:
        rows = rows.filter(state=state)
    return rows.select_related("school").order_by("school__code", "pk")


def sheets_for(*, actor: Any, year: int, state: str = "") -> QuerySet[UnionSheet]:
    """The advisor's schools' sheets of the year."""
    rows = UnionSheet.objects.filter(
        school_id__in=school_ids_where(actor, Role.ADVISOR), catalogue__academic_year=year
    )
    if state:
        rows = rows.filter(state=state)
    return rows.select_related("union", "catalogue").order_by("school_id", "union__path")


def sheet_waiting(sheet: UnionSheet) -> bool:
    """For the advisor: a college union's sheet the league secretary has not checked."""
    return sheet.union.kind == NodeKind.COLLEGE_UNION and sheet.state == S.FILLING


def assessment_waiting(assessment: SchoolAssessment, level: str) -> bool:
    """For a federation: the level below has not finished (the school has not submitted;
    for the province also: the city has not reviewed). The advisor's own school's
    assessment waits on no one: its sheets carry the flag."""
    if level == "school":
        return False
    if level == "province":
        return assessment.state in (A.PREPARING, A.SUBMITTED)
    return assessment.state == A.PREPARING


def sheet_counts(assessments: list[SchoolAssessment]) -> dict[int, tuple[int, int]]:
    """(checked by the advisor, all) sheets of each assessment (one grouped query)."""
    if not assessments:
        return {}
    years = {a.academic_year for a in assessments}
    counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    rows = UnionSheet.objects.filter(
        school_id__in=[a.school_id for a in assessments], catalogue__academic_year__in=years
    ).values_list("school_id", "catalogue__academic_year", "state")
    for school_id, year, state in rows:
        tally = counts[(school_id, year)]
        tally[1] += 1
        tally[0] += state == S.SCHOOL_CHECKED
    return {a.pk: tuple(counts[(a.school_id, a.academic_year)]) for a in assessments}  # type: ignore[misc]


# --- reporting rates ------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    level: str
    label: str
    due: datetime.date | None
    expected: int
    submitted: int
    on_time: int

    @property
    def percent(self) -> str:
        return f"{round(self.submitted * 100 / self.expected)}%" if self.expected else "—"


def _on_time(moments: list[datetime.datetime | None], due: datetime.date | None) -> int:
    if due is None:
        return 0
    limit = end_of_day(due)
    return sum(1 for m in moments if m is not None and m <= limit)


def _sheet_rate(actor: Any, year: int, due: datetime.date | None) -> Rate:
    """Unions: a sheet is in once it left filling (a college union's through its secretary,
    a school-level union's through the advisor); its moment is the last step that did so."""
    sheets = list(
        UnionSheet.objects.filter(
            school__in=_schools(actor), catalogue__academic_year=year
        ).values_list("pk", "state")
    )
    done = [pk for pk, state in sheets if state != S.FILLING]
    moments = dict(
        ReviewStep.objects.filter(sheet_id__in=done)
        .filter(
            Q(action="college-check")
            | Q(action="school-check") & ~Q(sheet__union__kind=NodeKind.COLLEGE_UNION)
        )
        .values("sheet_id")
        .annotate(at=Max("created_at"))
        .values_list("sheet_id", "at")
    )
    return Rate(
        "union", "学生会填报", due, len(sheets), len(done), _on_time(list(moments.values()), due)
    )


def _schools(actor: Any) -> QuerySet[Node]:
    return Node.objects.filter(
        node_scope(actor, roles=(Role.ADVISOR, *FEDERATION_ROLES)), kind=NodeKind.SCHOOL
    )


def rates_for(*, actor: Any, year: int) -> list[Rate]:
    """Per level of the chain, within the actor's reach: how many were expected, how many
    have reported (the level's step taken and not undone) and how many did so by the
    year's calendar date (none counts as on time without a calendar)."""
    cal = calendar_of(year)
    rows = list(
        SchoolAssessment.objects.filter(academic_year=year, school__in=_schools(actor)).values_list(
            "state", "submitted_at", "city_reviewed_at", "confirmed_at"
        )
    )

    def level(key: str, label: str, due: Any, states: tuple[str, ...], at: int) -> Rate:
        done = [r for r in rows if r[0] in states]
        moments: list[Any] = [r[at] for r in done]
        return Rate(key, label, due, len(rows), len(done), _on_time(moments, due))

    return [
        _sheet_rate(actor, year, cal.fill_due if cal else None),
        level("school", "学校报送", cal.school_due if cal else None, PAST_SCHOOL, 1),
        level("city", "市学联审核", cal.city_due if cal else None, PAST_CITY, 2),
        level("province", "省学联确认", cal.province_due if cal else None, (A.CONFIRMED,), 3),
    ]
