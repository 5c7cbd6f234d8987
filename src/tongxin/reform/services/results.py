"""The computing pass: every computed indicator of every union in a scope, from live data,
in a bounded number of queries (facts.py reads, a fixed number of batched writes)."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import NotAllowed
from tongxin.orgs.models import Node

from ..checks import CHECKS
from ..facts import gather, judgement_day, unions_of
from ..models import (
    AssessmentState,
    Catalogue,
    IndicatorKind,
    Result,
    SchoolAssessment,
    Source,
    UnionSheet,
    results_changed,
)
from .rectification import rectification_close_passing

WRITE_BATCH = 500
RESULT_FIELDS = ["computed_passed", "facts", "remark", "passed", "source", "computed_on", "version"]


@dataclass(frozen=True)
class ComputeSummary:
    unions: int
    results: int
    passed: int
    failed: int
    unknown: int
    on: datetime.date


def apply_verdict(result: Result, passed: bool | None, facts: dict, remark: str) -> None:
    """Write the system's verdict into `result`. A verdict the advisor confirmed from
    evidence stands while the system cannot show the indicator passes; once it can, the
    computed verdict takes over (系统计算 is the stronger source)."""
    result.computed_passed, result.facts, result.remark = passed, facts, remark
    if result.source == Source.EVIDENCE and passed is not True:
        return
    result.passed = passed
    result.source = Source.COMPUTED


@transaction.atomic
def results_compute(
    *, actor, catalogue: Catalogue, scope: Node, on: datetime.date | None = None
) -> ComputeSummary:
    """Compute `catalogue`'s indicators for every union of its level within `scope` (a
    school, a county, a city or the province) on `on` (default: the judgement day of the
    catalogue's year). Manual indicators get a pending result to fill."""
    authorize(actor, "reform.compute", scope)
    return _compute(actor, catalogue, scope, on)


@transaction.atomic
def results_refresh(
    *, actor, catalogue: Catalogue, on: datetime.date | None = None
) -> ComputeSummary:
    """The worker's nightly pass over every union of the province (the system actor only)."""
    if not getattr(actor, "is_system", False):
        raise NotAllowed("reform.compute")
    return _compute(actor, catalogue, None, on)


def _compute(
    actor, catalogue: Catalogue, scope: Node | None, on: datetime.date | None
) -> ComputeSummary:
    on = on or judgement_day(catalogue.academic_year, timezone.localdate())
    unions = list(unions_of(catalogue.level, scope))
    _open_sheets(catalogue, unions)
    # A confirmed assessment is locked (issue 17): its verdicts stay as confirmed.
    locked = locked_schools(catalogue.academic_year, {u.school_pk for u in unions})
    # Their open rectification items of computed indicators close once the check passes on
    # today's facts (issue 17, part G); the verdicts themselves stay.
    rectification_close_passing(
        actor=actor, catalogue=catalogue, unions=[u for u in unions if u.school_id in locked]
    )
    unions = [u for u in unions if u.school_id not in locked]
    indicators = list(catalogue.indicators.all())
    facts = gather(unions, on=on, year=catalogue.academic_year)
    existing = {
        (r.indicator_id, r.union_id): r
        for r in Result.objects.filter(catalogue=catalogue, union_id__in=[u.pk for u in unions])
    }
    created: list[Result] = []
    changed: list[Result] = []
    tally: Counter[str] = Counter()
    for union in unions:
        for indicator in indicators:
            result = existing.get((indicator.pk, union.pk))
            if result is None:
                result = Result(
                    catalogue=catalogue, indicator=indicator, union=union, school=union.school
                )
                created.append(result)
            else:
                result.version += 1
                changed.append(result)
            if indicator.kind == IndicatorKind.COMPUTED:
                verdict = CHECKS[indicator.computes](facts[union.pk])
                apply_verdict(result, verdict.passed, verdict.facts, verdict.remark)
                result.computed_on = on
            tally[_tally_key(result)] += 1
    Result.objects.bulk_create(created, batch_size=WRITE_BATCH)
    Result.objects.bulk_update(changed, RESULT_FIELDS, batch_size=WRITE_BATCH)
    results_changed(catalogue.pk)
    summary = ComputeSummary(
        unions=len(unions),
        results=len(created) + len(changed),
        passed=tally["passed"],
        failed=tally["failed"],
        unknown=tally["unknown"],
        on=on,
    )
    audit.record(
        actor=actor,
        action="reform.results.computed",
        target=scope if scope is not None else catalogue,
        data={
            "catalogue": catalogue.pk,
            "on": on.isoformat(),
            "unions": summary.unions,
            "passed": summary.passed,
            "failed": summary.failed,
            "unknown": summary.unknown,
        },
    )
    return summary


def locked_schools(year: int, school_ids: set[int]) -> set[int]:
    """The schools among `school_ids` whose assessment of `year` is confirmed (one query)."""
    return set(
        SchoolAssessment.objects.filter(
            academic_year=year, state=AssessmentState.CONFIRMED, school_id__in=school_ids
        ).values_list("school_id", flat=True)
    )


def _open_sheets(catalogue: Catalogue, unions: list[Node]) -> None:
    """Every school's assessment of the year and every union's sheet exist once computed
    (two statements, whatever the number; existing rows are left as they are)."""
    year = catalogue.academic_year
    schools = sorted({u.school_id for u in unions if u.school_id is not None})
    SchoolAssessment.objects.bulk_create(
        [SchoolAssessment(school_id=s, academic_year=year) for s in schools],
        ignore_conflicts=True,
        batch_size=WRITE_BATCH,
    )
    UnionSheet.objects.bulk_create(
        [UnionSheet(catalogue=catalogue, union=u, school_id=u.school_pk) for u in unions],
        ignore_conflicts=True,
        batch_size=WRITE_BATCH,
    )


def _tally_key(result: Result) -> str:
    if result.passed is None:
        return "unknown"
    return "passed" if result.passed else "failed"
