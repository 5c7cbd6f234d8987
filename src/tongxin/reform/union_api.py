"""A union's self-assessment as JSON (part D): its results of a year, explanations and
evidence. Thin: the selectors read, the services write (the same as the pages)."""

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja import Status as Reply
from ninja.errors import HttpError
from pydantic import Field

from tongxin.core.authz import can
from tongxin.core.http import NOT_FOUND, Id
from tongxin.orgs.models import Node

from . import union_selectors as selectors
from .models import Evidence, Result
from .services import evidence as services
from .services.evidence import TEXT_LIMIT
from .union_presenters import facts_lines, rows_for, sensitive_ids, source_label, verdict_label

router = Router(tags=["reform"])
Year = Annotated[int, Field(ge=1900, le=2999)]


class EvidenceOut(Schema):
    id: int
    state: str
    state_label: str
    claim_passed: bool | None
    claim_value: str
    text: str
    submitted_by: str
    submitted_at: datetime.datetime
    decided_at: datetime.datetime | None
    decision_note: str


class ResultOut(Schema):
    id: int
    number: int
    short: str
    text: str
    mark: str
    kind: str
    passed: bool | None
    verdict: str
    source: str
    source_label: str
    remark: str
    facts: list[str]
    explanation: str
    computed_on: datetime.date | None
    version: int
    evidence: list[EvidenceOut]
    may_explain: bool
    may_submit_evidence: bool
    may_decide: bool


class UnionResultsOut(Schema):
    union_id: int
    union: str
    year: int | None
    catalogue_id: int | None
    catalogue: str
    years: list[int]
    results: list[ResultOut]


class ExplainIn(Schema):
    version: int = Field(ge=1, le=2**31 - 1)
    text: str = Field("", max_length=TEXT_LIMIT)


class EvidenceIn(Schema):
    version: int = Field(ge=1, le=2**31 - 1)
    claim_passed: bool | None = None
    claim_value: str = Field("", max_length=20)
    text: str = Field(max_length=TEXT_LIMIT)


class DecideIn(Schema):
    version: int = Field(ge=1, le=2**31 - 1)
    note: str = Field("", max_length=TEXT_LIMIT)


def _evidence_out(e: Evidence) -> dict[str, Any]:
    return {
        "id": e.pk,
        "state": e.state,
        "state_label": e.get_state_display(),
        "claim_passed": e.claim_passed,
        "claim_value": e.claim_value,
        "text": e.text,
        "submitted_by": e.submitted_by.real_name or str(e.submitted_by),
        "submitted_at": e.submitted_at,
        "decided_at": e.decided_at,
        "decision_note": e.decision_note,
    }


def _union(request: HttpRequest, pk: int) -> Node:
    try:
        return selectors.union_get_for(actor=request.user, pk=pk)
    except Node.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


def _result(request: HttpRequest, pk: int) -> Result:
    try:
        return selectors.result_get_for(actor=request.user, pk=pk)
    except Result.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


def _evidence(request: HttpRequest, pk: int) -> Evidence:
    try:
        return selectors.evidence_get_for(actor=request.user, pk=pk)
    except Evidence.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


def _results(request: HttpRequest, union: Node, year: int | None) -> dict[str, Any]:
    catalogues = selectors.catalogues_of_level(selectors.level_of_union(union))
    wanted = year or selectors.this_year()
    catalogue = next((c for c in catalogues if c.academic_year == wanted), None)
    if catalogue is None and year is None:
        catalogue = next(iter(catalogues), None)
    out: dict[str, Any] = {
        "union_id": union.pk,
        "union": union.name,
        "year": catalogue.academic_year if catalogue else year,
        "catalogue_id": catalogue.pk if catalogue else None,
        "catalogue": catalogue.title if catalogue else "",
        "years": [c.academic_year for c in catalogues],
        "results": [],
    }
    if catalogue is None:
        return out
    user: Any = request.user
    results = selectors.results_of(union, catalogue)
    names = None
    if can(user, "reform.confirm_evidence", union):
        names = selectors.officer_names(union, sensitive_ids(results))
    rows = rows_for(user, union, catalogue.scoring, results, selectors.evidence_of(results), names)
    out["results"] = [
        {
            "id": row.result.pk,
            "number": row.result.indicator.number,
            "short": row.result.indicator.short,
            "text": row.result.indicator.text,
            "mark": row.result.indicator.mark,
            "kind": row.result.indicator.kind,
            "passed": row.result.passed,
            "verdict": verdict_label(row.result, catalogue.scoring),
            "source": row.result.source,
            "source_label": source_label(row.result),
            "remark": row.result.remark,
            "facts": facts_lines(row.result, names),
            "explanation": row.result.explanation,
            "computed_on": row.result.computed_on,
            "version": row.result.version,
            "evidence": [_evidence_out(e) for e in row.evidence],
            "may_explain": row.may_explain,
            "may_submit_evidence": row.may_submit,
            "may_decide": row.may_decide,
        }
        for row in rows
    ]
    return out


@router.get("/unions/{int:pk}/results", response=UnionResultsOut)
def union_results(request: HttpRequest, pk: Id, year: Year | None = None) -> Any:
    """A union's verdicts of a year (default: this academic year's catalogue of its level),
    with the facts (names behind sensitive items for the school's advisor only), the
    explanation, the evidence and what the caller may do."""
    return _results(request, _union(request, pk), year)


@router.post("/results/{int:pk}/explanation", response=ResultOut)
def result_explanation(request: HttpRequest, pk: Id, body: ExplainIn) -> Any:
    """The union's officer explains a verdict (never changes it)."""
    result = _result(request, pk)
    user: Any = request.user
    services.result_explain(
        actor=user, result=result, expected_version=body.version, text=body.text
    )
    return _one(request, result)


@router.post("/results/{int:pk}/evidence", response={201: EvidenceOut})
def evidence_submit(request: HttpRequest, pk: Id, body: EvidenceIn) -> Any:
    """Evidence for a manual item, or for a computed one of years before Tongxin; files
    follow through the attachments API on the evidence (reform.evidence)."""
    result = _result(request, pk)
    user: Any = request.user
    evidence = services.evidence_submit(
        actor=user,
        result=result,
        expected_version=body.version,
        claim_passed=body.claim_passed,
        claim_value=body.claim_value,
        text=body.text,
    )
    return Reply(201, _evidence_out(_evidence(request, evidence.pk)))


@router.post("/evidence/{int:pk}/{decision}", response=ResultOut)
def evidence_decide(request: HttpRequest, pk: Id, decision: str, body: DecideIn) -> Any:
    """The school's advisor confirms (the verdict from the claim, 依据材料) or rejects (a
    reason required). `version` is the result's."""
    evidence = _evidence(request, pk)
    if decision not in {"confirm", "reject"}:
        raise HttpError(404, "未知的操作。")
    decide = services.evidence_confirm if decision == "confirm" else services.evidence_reject
    user: Any = request.user
    decide(actor=user, evidence=evidence, expected_version=body.version, note=body.note)
    return _one(request, evidence.result)


def _one(request: HttpRequest, result: Result) -> dict[str, Any]:
    union = _union(request, result.union_id)
    found = _results(request, union, result.catalogue.academic_year)["results"]
    return next(r for r in found if r["id"] == result.pk)
