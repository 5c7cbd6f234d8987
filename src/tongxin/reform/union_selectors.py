"""Reads of a union's self-assessment (part D): the unions a person reads, one union's rows
of a year, the gates for a result and for evidence (missing and out of sight alike raise
DoesNotExist), the advisor's evidence to confirm, and the names behind membership ids."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tongxin.accounts.models import Membership, Role
from tongxin.accounts.reach import node_scope
from tongxin.accounts.roles import school_ids_where
from tongxin.core.authz import can
from tongxin.core.pagination import MAX_ID
from tongxin.orgs.models import UNION_KINDS, Node, NodeKind
from tongxin.staff.calendar import academic_year_of

from .models import (
    Catalogue,
    Check,
    Evidence,
    EvidenceState,
    Indicator,
    IndicatorKind,
    Level,
    Result,
    Source,
)
from .rules import SCHOOL_READERS
from .scoring import Overall, overall

# Items whose facts name officers by membership id: only the school's advisor sees names.
NAMED_CHECKS = {Check.POLITICAL, Check.ACADEMIC, Check.SELECTION_PATH}


def level_of_union(union: Node) -> str:
    return Level.COLLEGE if union.kind == NodeKind.COLLEGE_UNION else Level.SCHOOL


def this_year() -> int:
    return academic_year_of(timezone.localdate())


# --- gates ------------------------------------------------------------------------------


def union_get_for(*, actor: Any, pk: int) -> Node:
    if not 0 < pk <= MAX_ID:
        raise Node.DoesNotExist
    union = Node.objects.filter(pk=pk, kind__in=UNION_KINDS).select_related("school").first()
    if union is None or not can(actor, "reform.view_union_results", union):
        raise Node.DoesNotExist
    return union


def result_get_for(*, actor: Any, pk: int) -> Result:
    if not 0 < pk <= MAX_ID:
        raise Result.DoesNotExist
    result = (
        Result.objects.filter(pk=pk)
        .select_related("indicator", "catalogue__scoring", "union__school")
        .first()
    )
    if result is None or not can(actor, "reform.view_union_results", result.union):
        raise Result.DoesNotExist
    return result


def evidence_get_for(*, actor: Any, pk: int) -> Evidence:
    if not 0 < pk <= MAX_ID:
        raise Evidence.DoesNotExist
    evidence = (
        Evidence.objects.filter(pk=pk)
        .select_related("result__indicator", "result__catalogue__scoring", "result__union")
        .first()
    )
    if evidence is None or not can(actor, "reform.view_union_results", evidence.result.union):
        raise Evidence.DoesNotExist
    return evidence


# --- 我的改革自评 -------------------------------------------------------------------------


def unions_for(*, actor: Any) -> QuerySet[Node]:
    """The unions the actor reads as a school reader: an officer's union (a school-union
    officer's college unions too), a league secretary's college union, an advisor's school."""
    scope = node_scope(actor, roles=SCHOOL_READERS)
    return (
        Node.objects.filter(scope, kind__in=UNION_KINDS)
        .select_related("school")
        .order_by("school_id", "kind", "path")
    )


@dataclass
class UnionSummary:
    union: Node
    catalogue: Catalogue | None
    overall: Overall = field(default_factory=lambda: Overall(None))
    passed: int = 0
    failed: int = 0
    pending: int = 0
    waiting: int = 0  # evidence waiting for the advisor


def summaries_of(unions: list[Node], year: int) -> list[UnionSummary]:
    """This year's overall verdict and counts of each union: a bounded number of queries
    (catalogues, their indicators, the results, the open evidence) whatever the unions."""
    catalogues = {
        c.level: c for c in Catalogue.objects.filter(academic_year=year).select_related("scoring")
    }
    indicators = {
        i.pk: i for i in Indicator.objects.filter(catalogue__in=list(catalogues.values()))
    }
    verdicts: dict[int, dict[int, tuple[bool | None, str]]] = defaultdict(dict)
    rows = Result.objects.filter(
        catalogue__in=list(catalogues.values()), union__in=[u.pk for u in unions]
    ).values_list("union_id", "indicator_id", "passed")
    for union_id, indicator_id, passed in rows:
        verdicts[union_id][indicator_id] = (passed, "")
    for union_id, indicator_id, grade in _confirmed_grades(unions, catalogues.values()):
        passed = verdicts[union_id].get(indicator_id, (None, ""))[0]
        verdicts[union_id][indicator_id] = (passed, grade)
    waiting = dict(
        Evidence.objects.filter(
            state=EvidenceState.SUBMITTED,
            result__union__in=[u.pk for u in unions],
            result__catalogue__in=list(catalogues.values()),
        )
        .values("result__union_id")
        .annotate(n=Count("pk"))
        .values_list("result__union_id", "n")
    )
    summaries = []
    for union in unions:
        catalogue = catalogues.get(level_of_union(union))
        summary = UnionSummary(union, catalogue, waiting=waiting.get(union.pk, 0))
        if catalogue is not None:
            mine = verdicts.get(union.pk, {})
            items = [
                (i, *mine.get(i.pk, (None, "")))
                for i in indicators.values()
                if i.catalogue_id == catalogue.pk
            ]
            summary.overall = overall(catalogue.scoring, items)
            summary.passed = sum(1 for _i, p, _g in items if p is True)
            summary.failed = sum(1 for _i, p, _g in items if p is False)
            summary.pending = sum(1 for _i, p, _g in items if p is None)
        summaries.append(summary)
    return summaries


def _confirmed_grades(unions: list[Node], catalogues: Any) -> list[tuple[int, int, str]]:
    """(union, indicator, grade) of graded items whose grade the advisor confirmed."""
    return list(
        Evidence.objects.filter(
            state=EvidenceState.CONFIRMED,
            result__union__in=[u.pk for u in unions],
            result__catalogue__in=list(catalogues),
            result__indicator__kind=IndicatorKind.GRADED,
            result__source=Source.EVIDENCE,
        )
        .order_by("decided_at", "pk")
        .values_list("result__union_id", "result__indicator_id", "claim_value")
    )


# --- one union's year ----------------------------------------------------------------------


def catalogues_of_level(level: str) -> list[Catalogue]:
    return list(Catalogue.objects.filter(level=level).order_by("-academic_year"))


def results_of(union: Node, catalogue: Catalogue) -> list[Result]:
    return list(
        Result.objects.filter(union=union, catalogue=catalogue)
        .select_related("indicator")
        .order_by("indicator__number")
    )


def evidence_of(results: list[Result]) -> dict[int, list[Evidence]]:
    """Each result's evidence, newest first (one query)."""
    found: dict[int, list[Evidence]] = defaultdict(list)
    rows = (
        Evidence.objects.filter(result__in=[r.pk for r in results])
        .select_related("submitted_by", "decided_by")
        .order_by("-submitted_at", "-pk")
    )
    for evidence in rows:
        found[evidence.result_id].append(evidence)
    return found


def officer_names(union: Node, membership_ids: set[int]) -> dict[int, str]:
    """Names behind membership ids of `union` (the advisor's view of sensitive items)."""
    if not membership_ids:
        return {}
    rows = Membership.objects.filter(
        pk__in=membership_ids, node=union, role=Role.OFFICER
    ).values_list("pk", "user__real_name")
    return dict(rows)


# --- the advisor's to-do ------------------------------------------------------------------


def evidence_to_confirm_for(*, actor: Any) -> QuerySet[Evidence]:
    """Evidence waiting for the actor's confirmation (the advisor's schools), oldest first."""
    schools = school_ids_where(actor, Role.ADVISOR)
    if not schools:
        return Evidence.objects.none()
    return (
        Evidence.objects.filter(Q(school_id__in=schools), state=EvidenceState.SUBMITTED)
        .select_related("result__indicator", "result__union", "result__catalogue")
        .order_by("submitted_at", "pk")
    )
