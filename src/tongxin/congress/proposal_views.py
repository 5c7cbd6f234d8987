"""The proposal's own page and its steps (every part's steps go through action_view);
each part's other pages live in its own module."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.forms import form_errors

from . import proposal_selectors as selectors
from .proposal_models import Proposal
from .proposal_presenters import proposal_context
from .proposal_steps import STEPS


def _proposal(request: AuthenticatedRequest, pk: int) -> Proposal:
    try:
        return selectors.proposal_get_for(actor=request.user, pk=pk)
    except Proposal.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    return render(
        request, "congress/proposals/detail.html", proposal_context(proposal, request.user)
    )


@login_required
@require_POST
def action_view(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    proposal = _proposal(request, pk)
    spec = STEPS.get(action)
    if spec is None:
        raise Http404
    form = spec.form(request.POST)
    if not form.is_valid():
        return _refused(request, pk, action, form_errors(form), None)
    try:
        result = spec.run(request.user, proposal, form.cleaned_data)
    except DomainError as exc:
        return _refused(request, pk, action, exc.message, exc.field)
    messages.success(request, str(spec.done))
    # A step may lead to another proposal's page (a merge shows the proposal merged into).
    target = result.pk if isinstance(result, Proposal) else proposal.pk
    try:
        selectors.proposal_get_for(actor=request.user, pk=target)
    except Proposal.DoesNotExist:  # the step took it out of the actor's reach (a hand-back)
        if can(request.user, "congress.open_proposal_office"):
            return redirect("congress:proposal-office")
        return redirect("core:home")
    return redirect("congress:proposal-detail", pk=target)


def _refused(
    request: AuthenticatedRequest, pk: int, step: str, problem: str, field: str | None
) -> HttpResponse:
    """The proposal page again with the refused step's input as typed and the reason on
    top; read afresh, as the refusal may come from a change meanwhile."""
    context = proposal_context(_proposal(request, pk), request.user)
    refused = {"step": step, "problem": problem, "field": field, "data": request.POST}
    return render(
        request, "congress/proposals/detail.html", {**context, "refused": refused}, status=200
    )
