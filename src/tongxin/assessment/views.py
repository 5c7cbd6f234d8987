"""The advisor's pages: rounds, opening one, the round page (completion, results, exit
proposals) and its actions. Parse input → one selector → one service → render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.pagination import page_number, paginate
from tongxin.orgs.models import Node

from . import selectors, services
from .forms import DecisionForm, RoundOpenForm, VersionForm
from .machine import EXIT_PROPOSAL, ROUND
from .models import ExitProposal, Round
from .presenters import rule_lines
from .scoring import Policy

RATERS_PER_PAGE = 50


def _require_advisor(request: AuthenticatedRequest) -> None:
    if not can(request.user, "assessment.open_rounds"):
        raise PermissionDenied


def _round(request: AuthenticatedRequest, pk: int) -> Round:
    _require_advisor(request)
    try:
        return selectors.round_get_for(actor=request.user, pk=pk)
    except Round.DoesNotExist as exc:
        raise Http404 from exc


def _union(request: AuthenticatedRequest, pk: str) -> Node:
    try:
        return selectors.union_get_for(actor=request.user, pk=int(pk))
    except (ValueError, Node.DoesNotExist) as exc:
        raise Http404 from exc


@login_required
def round_list_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_advisor(request)
    page = paginate(selectors.round_list_for(actor=request.user), page_number(request))
    return render(
        request,
        "assessment/round_list.html",
        {
            "page": page,
            "unions": selectors.union_list_for(actor=request.user),
            "pending": selectors.pending_proposal_count(actor=request.user),
        },
    )


@login_required
def round_open_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_advisor(request)
    if not request.GET.get("union"):
        return redirect("assessment:round-list")
    union = _union(request, request.GET["union"])
    form = RoundOpenForm(request.POST or None, union=union)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_open(
                actor=request.user,
                union=union,
                term=form.cleaned_data["term"],
                deadline=form.cleaned_data["deadline"],
                officers=form.chosen_officers(),
                raters=services.RaterChoice(
                    teachers=form.chosen_teachers(),
                    delegates=form.cleaned_data["delegates"],
                    peers=form.chosen_peers(),
                ),
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "评议已开启，已通知被评议人和评议人。")
            return redirect("assessment:round-detail", pk=round_.pk)
    return render(request, "assessment/round_open.html", {"form": form, "union": union})


@login_required
def round_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _round_page(request, _round(request, pk))


def _round_page(
    request: AuthenticatedRequest, round_: Round, refused: dict[str, Any] | None = None
) -> HttpResponse:
    """The round's page; `refused` is a decision the service refused, shown as typed."""
    rated = selectors.rated_of(round_)
    rated_ids = {r.officer_id for r in rated}
    page = paginate(selectors.raters_of(round_), page_number(request), size=RATERS_PER_PAGE)
    progress = selectors.progress_of(round_, rated_ids)
    policy = Policy.from_json(round_.policy)
    return render(
        request,
        "assessment/round_detail.html",
        {
            "round": round_,
            "rated": rated,
            "page": page,
            "rater_rows": selectors.rater_rows(page.items, rated_ids),
            "progress": progress,
            "round_steps": ROUND.allowed(request.user, round_),
            "proposals": [
                (p, EXIT_PROPOSAL.allowed(request.user, p)) for p in selectors.proposals_of(round_)
            ],
            "policy": policy,
            **rule_lines(policy, progress.raters),
            "refused": refused,
        },
    )


def _version(request: AuthenticatedRequest) -> int | None:
    form = VersionForm(request.POST)
    return form.cleaned_data.get("version") if form.is_valid() else None


@login_required
@require_POST
def round_close_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    try:
        services.round_close(actor=request.user, round_=round_, expected_version=_version(request))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "评议已结束，得分和等级已计算。")
    return redirect("assessment:round-detail", pk=round_.pk)


@login_required
@require_POST
def round_publish_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    try:
        services.round_publish(
            actor=request.user, round_=round_, expected_version=_version(request)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "评议结果已公布，被评议人可以查看本人结果。")
    return redirect("assessment:round-detail", pk=round_.pk)


def _proposal(request: AuthenticatedRequest, pk: int) -> ExitProposal:
    _require_advisor(request)
    try:
        return selectors.proposal_get_for(actor=request.user, pk=pk)
    except ExitProposal.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@require_POST
def proposal_decide_view(request: AuthenticatedRequest, pk: int, decision: str) -> HttpResponse:
    proposal = _proposal(request, pk)
    form = DecisionForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    decide = {
        "confirm": services.exit_proposal_confirm,
        "dismiss": services.exit_proposal_dismiss,
    }.get(decision)
    if decide is None:
        raise Http404
    try:
        decide(
            actor=request.user,
            proposal=proposal,
            expected_version=data.get("version"),
            reason=data.get("reason") or "",
        )
    except DomainError as exc:
        refused = {"pk": proposal.pk, "decision": decision, "problem": exc.message}
        refused["reason"] = request.POST.get("reason", "")
        return _round_page(request, _round(request, proposal.round_id), refused)
    messages.success(
        request, "已确认退出，任职已结束。" if decision == "confirm" else "已决定不予退出。"
    )
    return redirect("assessment:round-detail", pk=proposal.round_id)
