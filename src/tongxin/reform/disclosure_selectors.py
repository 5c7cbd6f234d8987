"""Reads of the public disclosure (公示): the public page's disclosure by school code and
year, the logged-in gate (view_disclosure), the advisor's moderation reach (COMMENTABLE),
the tables as the public sees them and the approved comments without their authors.

The public side shows nothing personal: per union, each indicator's verdict and remark (the
remarks hold counts and dates only), never the facts (which name holders of other
positions); the presidium's names only when the advisor chose to show them.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Membership, Role
from tongxin.accounts.roles import FEDERATION_ROLES, grants_where, school_ids_where
from tongxin.comments.models import Comment, Status
from tongxin.core.authz import can
from tongxin.core.subjects import content_type_of
from tongxin.orgs.models import Node, NodeKind

from .heatmap_school import school_results
from .models import (
    Disclosure,
    DisclosureState,
    ReviewCalendar,
    SchoolAssessment,
    SheetState,
    UnionSheet,
)

DEFAULT_WORKDAYS = 5
SHOWN_COMMENTS = 100
LIST_RELATED = ("school", "assessment")


def disclosure_public(*, code: str, year: int) -> Disclosure | None:
    """The disclosure of the school `code` for the academic year `year`, for anyone."""
    return (
        Disclosure.objects.select_related(*LIST_RELATED)
        .filter(school__code=code, school__kind=NodeKind.SCHOOL, assessment__academic_year=year)
        .first()
    )


def disclosure_get_for(*, actor: Any, pk: int) -> Disclosure:
    """The disclosure the logged-in actor reads (missing and out of reach alike raise)."""
    found = Disclosure.objects.select_related(*LIST_RELATED).filter(pk=pk).first()
    if found is None or not can(actor, "reform.view_disclosure", found):
        raise Disclosure.DoesNotExist
    return found


def disclosures_moderated_by(*, actor: Any) -> QuerySet[Disclosure] | None:
    """The disclosures the actor moderates (the schools they advise), or None."""
    schools = school_ids_where(actor, Role.ADVISOR)
    return Disclosure.objects.filter(school_id__in=schools) if schools else None


def disclosure_list_for(*, actor: Any) -> QuerySet[Disclosure]:
    """Disclosures the actor reads logged in: their schools' and, for federation staff,
    those of the schools below their nodes. Newest first."""
    scope = Q(school_id__in=school_ids_where(actor))
    for grant in _federation_grants(actor):
        scope |= Q(school__path__startswith=grant.path)
    return (
        Disclosure.objects.filter(scope).select_related(*LIST_RELATED).order_by("-opens_on", "-id")
    )


def _federation_grants(actor: Any) -> list[Any]:
    return grants_where(actor, *FEDERATION_ROLES)


def assessments_to_disclose(*, actor: Any) -> list[SchoolAssessment]:
    """The assessments of the schools the actor advises that have no disclosure yet."""
    schools = school_ids_where(actor, Role.ADVISOR)
    rows = SchoolAssessment.objects.filter(school_id__in=schools, disclosure__isnull=True)
    return list(rows.select_related("school").order_by("-academic_year", "school__code")[:20])


def assessment_get_for(*, actor: Any, pk: int) -> SchoolAssessment:
    """An assessment whose disclosure the actor may open (the school's advisor)."""
    found = SchoolAssessment.objects.select_related("school").filter(pk=pk).first()
    if found is None or not can(actor, "reform.open_disclosure", found):
        raise SchoolAssessment.DoesNotExist
    return found


def disclosure_workdays(year: int) -> int:
    """N of the year's calendar (ReviewCalendar.disclosure_workdays), 5 without one."""
    found = ReviewCalendar.objects.filter(academic_year=year).first()
    return found.disclosure_workdays if found is not None else DEFAULT_WORKDAYS


def sheets_not_checked(assessment: SchoolAssessment) -> list[str]:
    """The unions whose sheets of the assessment's year the advisor has not yet checked."""
    rows = UnionSheet.objects.filter(
        school_id=assessment.school_id, catalogue__academic_year=assessment.academic_year
    ).exclude(state=SheetState.SCHOOL_CHECKED)
    return list(rows.order_by("union__path").values_list("union__name", flat=True))


def has_sheets(assessment: SchoolAssessment) -> bool:
    return UnionSheet.objects.filter(
        school_id=assessment.school_id, catalogue__academic_year=assessment.academic_year
    ).exists()


def due_to_close(today: datetime.date) -> list[int]:
    """Ids of open disclosures whose last day has passed."""
    rows = Disclosure.objects.filter(state=DisclosureState.OPEN, closes_on__lt=today)
    return list(rows.order_by("id").values_list("id", flat=True))


# ---------------------------------------------------------------- the public tables


@dataclass(frozen=True)
class PublicLine:
    number: int
    mark: str
    short: str
    verdict: str
    passed: bool | None
    remark: str


@dataclass
class PublicUnion:
    name: str
    kind: str
    lines: list[PublicLine]
    presidium: list[str] = field(default_factory=list)


@dataclass
class PublicLevel:
    title: str
    unions: list[PublicUnion]


def public_tables(disclosure: Disclosure) -> list[PublicLevel]:
    """Every union's table of the year: verdicts and remarks only (plus the presidium's
    names of table 一's unions when the disclosure shows them)."""
    data = school_results(disclosure.school, disclosure.assessment.academic_year)
    names = _presidium_names(disclosure.school) if disclosure.show_names else {}
    levels = []
    for block in data.levels:
        unions = [
            PublicUnion(
                name=u.union.name,
                kind=u.union.get_kind_display(),
                lines=[
                    PublicLine(
                        number=line.indicator.number,
                        mark=line.indicator.get_mark_display() if line.indicator.mark else "",
                        short=line.indicator.short,
                        verdict=line.verdict,
                        passed=line.passed,
                        remark=line.result.remark if line.result is not None else "",
                    )
                    for line in u.lines
                ],
                presidium=names.get(u.union.pk, []),
            )
            for u in block.unions
        ]
        levels.append(PublicLevel(block.catalogue.title, unions))
    return levels


def _presidium_names(school: Node) -> dict[int, list[str]]:
    """union id → the presidium's names (school and graduate unions), by position then name."""
    rows = (
        Membership.objects.active(timezone.localdate())
        .filter(
            school=school,
            role=Role.OFFICER,
            position__in=PRESIDIUM_POSITIONS,
            node__kind__in=[NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION],
        )
        .select_related("user")
        .order_by("node_id", "position", "user__real_name")
    )
    found: dict[int, list[str]] = {}
    for m in rows:
        found.setdefault(m.node_id, []).append(m.user.real_name or m.user.username)
    return found


@dataclass(frozen=True)
class PublicComment:
    text: str
    on: datetime.date


def approved_comments(disclosure: Disclosure) -> list[PublicComment]:
    """The approved comments, oldest first, without their authors."""
    rows = Comment.objects.filter(
        content_type=content_type_of(disclosure), object_id=disclosure.pk, status=Status.APPROVED
    ).order_by("id")[:SHOWN_COMMENTS]
    return [PublicComment(c.text, c.created_at.date()) for c in rows]


def own_pending(disclosure: Disclosure, actor: Any) -> list[Comment]:
    """The logged-in actor's own comments not (yet) shown: waiting or hidden."""
    if not getattr(actor, "is_authenticated", False):
        return []
    rows = Comment.objects.filter(
        content_type=content_type_of(disclosure), object_id=disclosure.pk, author=actor
    ).exclude(status=Status.APPROVED)
    return list(rows.order_by("id"))


def disclosure_of(assessment: SchoolAssessment) -> Disclosure | None:
    return Disclosure.objects.select_related(*LIST_RELATED).filter(assessment=assessment).first()


def open_disclosures_within(start: datetime.date, end: datetime.date) -> list[Disclosure]:
    """Open disclosures whose window (opens_on, closes_on] meets [start, end)."""
    rows = Disclosure.objects.filter(state=DisclosureState.OPEN, opens_on__lt=end)
    return list(rows.filter(closes_on__gte=start).order_by("closes_on", "id"))
