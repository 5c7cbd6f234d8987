"""Pages of a union's self-assessment (part D): 我的改革自评, a union's year, and the posts
of its explanations and evidence. Parse input → one selector → one service → render.

A post of someone who reads the union but may not act answers 403; a refused or invalid
post shows the union's page again with the reason beside the item (200)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.forms import form_errors
from tongxin.core.pagination import page_number, paginate
from tongxin.orgs.models import Node

from . import review_selectors
from . import union_selectors as selectors
from .models import Catalogue, Evidence, Result
from .review_presenters import closed_rows, sheet_context
from .services import evidence as services
from .union_forms import DecideForm, EvidenceForm, ExplainForm
from .union_presenters import claim_label, rows_for, sensitive_ids

DONE = {"confirm": "已确认，该项结论依据材料认定。", "reject": "已不采纳，理由已告知学生会。"}


def _year(request: AuthenticatedRequest) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and len(raw) == 4 else None


def _union(request: AuthenticatedRequest, pk: int) -> Node:
    try:
        return selectors.union_get_for(actor=request.user, pk=pk)
    except Node.DoesNotExist as exc:
        raise Http404 from exc


def _result(request: AuthenticatedRequest, pk: int, perm: str) -> Result:
    try:
        result = selectors.result_get_for(actor=request.user, pk=pk)
    except Result.DoesNotExist as exc:
        raise Http404 from exc
    if not can(request.user, perm, result.union):
        raise PermissionDenied
    return result


def _evidence(request: AuthenticatedRequest, pk: int) -> Evidence:
    try:
        evidence = selectors.evidence_get_for(actor=request.user, pk=pk)
    except Evidence.DoesNotExist as exc:
        raise Http404 from exc
    if not can(request.user, "reform.confirm_evidence", evidence.result.union):
        raise PermissionDenied
    return evidence


@login_required
def mine_view(request: AuthenticatedRequest) -> HttpResponse:
    """The unions the user reads, with this year's overall verdict and counts."""
    if not can(request.user, "reform.open_union_results"):
        raise PermissionDenied
    year = selectors.this_year()
    page = paginate(selectors.unions_for(actor=request.user), page_number(request))
    summaries = selectors.summaries_of(page.items, year)
    return render(
        request,
        "reform/mine.html",
        {"page": page, "summaries": summaries, "year": year, "year_label": _label(year)},
    )


def _label(year: int) -> str:
    return f"{year}—{year + 1} 学年"


def _chosen(catalogues: list[Catalogue], year: int | None) -> Catalogue | None:
    wanted = year or selectors.this_year()
    found = next((c for c in catalogues if c.academic_year == wanted), None)
    if found is None and year is not None:
        raise Http404
    return found or next(iter(catalogues), None)


def union_context(request: AuthenticatedRequest, union: Node, year: int | None) -> dict[str, Any]:
    catalogues = selectors.catalogues_of_level(selectors.level_of_union(union))
    catalogue = _chosen(catalogues, year)
    context: dict[str, Any] = {"union": union, "catalogues": catalogues, "catalogue": catalogue}
    if catalogue is None:
        return context | {"rows": []}
    # Issue 17: the union's sheet of the year, its state and the reader's buttons.
    context |= sheet_context(
        request.user, review_selectors.sheet_of(union, catalogue.academic_year)
    )
    results = selectors.results_of(union, catalogue)
    names = None
    if can(request.user, "reform.confirm_evidence", union):
        names = selectors.officer_names(union, sensitive_ids(results))
    rows = rows_for(
        request.user,
        union,
        catalogue.scoring,
        results,
        selectors.evidence_of(results),
        names,
    )
    for row in rows:
        for e in row.evidence:
            e.claim_text = claim_label(e, catalogue.scoring)  # type: ignore[attr-defined]
    closed_rows(rows, context.get("sheet"), context.get("sheet_assessment_state"))
    return context | {"rows": rows, "scoring": catalogue.scoring}


@login_required
def union_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    union = _union(request, pk)
    return render(request, "reform/union.html", union_context(request, union, _year(request)))


def _back(result: Result) -> HttpResponse:
    url = reverse("reform:union", args=[result.union_id])
    return redirect(f"{url}?year={result.catalogue.academic_year}#item-{result.indicator.number}")


def _refused(request: AuthenticatedRequest, result: Result, problem: str) -> HttpResponse:
    context = union_context(request, result.union, result.catalogue.academic_year)
    refused = {"result": result.pk, "problem": problem, "data": request.POST}
    return render(request, "reform/union.html", {**context, "refused": refused})


@login_required
@require_POST
def explain_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    result = _result(request, pk, "reform.explain_result")
    form = ExplainForm(request.POST)
    if not form.is_valid():
        return _refused(request, result, form_errors(form))
    try:
        services.result_explain(
            actor=request.user,
            result=result,
            expected_version=form.cleaned_data["version"],
            text=form.cleaned_data["text"],
        )
    except DomainError as exc:
        return _refused(request, result, exc.message)
    messages.success(request, "说明已保存。")
    return _back(result)


@login_required
@require_POST
def evidence_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    result = _result(request, pk, "reform.submit_evidence")
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(request, result, form_errors(form))
    try:
        services.evidence_submit(
            actor=request.user,
            result=result,
            expected_version=form.cleaned_data["version"],
            claim_passed=form.claim(),
            claim_value=form.cleaned_data["claim_value"],
            text=form.cleaned_data["text"],
            upload=form.cleaned_data.get("file"),
        )
    except DomainError as exc:
        return _refused(request, result, exc.message)
    messages.success(request, "依据材料已提交，等待校团委老师确认。")
    return _back(result)


@login_required
@require_POST
def decide_view(request: AuthenticatedRequest, pk: int, decision: str) -> HttpResponse:
    evidence = _evidence(request, pk)
    result = evidence.result
    form = DecideForm(request.POST)
    if not form.is_valid():
        return _refused(request, result, form_errors(form))
    decide = services.evidence_confirm if decision == "confirm" else services.evidence_reject
    try:
        decide(
            actor=request.user,
            evidence=evidence,
            expected_version=form.cleaned_data["version"],
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        return _refused(request, result, exc.message)
    messages.success(request, DONE[decision])
    return _back(result)
