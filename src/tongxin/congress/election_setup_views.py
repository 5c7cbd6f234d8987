"""Pages of elections' setup and results: the new election form (from the session page),
the election page (candidates with their eligibility, scrutineers, rounds and results,
the setup form and the buttons of election_machine.ELECTION), and a round's console
(state, due / present, quorum, the buttons of election_steps.ROUND_STEPS, the links to the
other parts' pages, the counted table). Parse input → one selector → one service."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.errors import DomainError
from tongxin.core.forms import form_errors

from . import election_setup_selectors as sel
from .election_models import Election, Round
from .election_setup_forms import CancelForm, SetupForm, TermsForm, VersionForm
from .election_steps import step_for
from .models import Session
from .services import election_setup as svc

DONE = {
    "start": "选举已开始，第 1 轮已建立。",
    "publish": "选举结果已公布。",
    "cancel": "选举已取消。",
}


def _election(request: AuthenticatedRequest, pk: int) -> Election:
    try:
        return sel.election_get_for(actor=request.user, pk=pk)
    except Election.DoesNotExist as exc:
        raise Http404 from exc


def _round(request: AuthenticatedRequest, pk: int) -> Round:
    try:
        return sel.round_get_for(actor=request.user, pk=pk)
    except Round.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def election_new_view(request: AuthenticatedRequest, session_pk: int) -> HttpResponse:
    try:
        session = sel.session_for_election(actor=request.user, pk=session_pk)
    except Session.DoesNotExist as exc:
        raise Http404 from exc
    form = TermsForm(request.POST or None, initial={"seats": 3, "mode": "electronic"})
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            election = svc.election_create(actor=request.user, session=session, **form.cleaned_data)
        except DomainError as exc:
            problem = exc.message
        else:
            messages.success(request, "选举已创建，请设置候选人与监票人。")
            return redirect("congress:election", pk=election.pk)
    elif request.method == "POST":
        problem = form_errors(form)
    context = {"s": session, "form": form, "problem": problem}
    # A refusal re-renders the page with what was typed and why (200, as the proposal pages).
    return render(request, "congress/elections/setup/new.html", context)


def _election_page(
    request: AuthenticatedRequest, election: Election, refused: dict[str, Any] | None = None
) -> HttpResponse:
    context = {**sel.election_context(election, request.user), "refused": refused}
    return render(request, "congress/elections/setup/election.html", context)


@login_required
def election_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _election_page(request, _election(request, pk))


@login_required
@require_POST
def election_setup_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    election = _election(request, pk)
    form = SetupForm(request.POST)
    if not form.is_valid():
        return _election_page(request, election, {"step": "set-up", "problem": form_errors(form)})
    try:
        svc.election_set_up(
            actor=request.user,
            election=election,
            expected_version=form.cleaned_data["version"],
            setup=form.setup(),
        )
    except DomainError as exc:
        refused = {"step": "set-up", "problem": exc.message, "field": exc.field}
        return _election_page(request, _election(request, pk), refused)
    messages.success(request, "候选人与监票人已保存。")
    return redirect("congress:election", pk=election.pk)


def _run_step(request: AuthenticatedRequest, election: Election, action: str) -> None:
    form = (CancelForm if action == "cancel" else VersionForm)(request.POST)
    if not form.is_valid():
        raise DomainError(form_errors(form))
    version = form.cleaned_data["version"]
    if action == "start":
        svc.election_start(actor=request.user, election=election, expected_version=version)
    elif action == "publish":
        svc.election_publish(actor=request.user, election=election, expected_version=version)
    else:
        svc.election_cancel(
            actor=request.user,
            election=election,
            expected_version=version,
            reason=form.cleaned_data.get("reason", ""),
        )


@login_required
@require_POST
def election_action_view(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    election = _election(request, pk)
    if action not in DONE:
        raise Http404
    try:
        _run_step(request, election, action)
    except DomainError as exc:
        refused = {"step": action, "problem": exc.message, "field": exc.field}
        return _election_page(request, _election(request, pk), refused)
    messages.success(request, DONE[action])
    return redirect("congress:election", pk=election.pk)


def _round_page(
    request: AuthenticatedRequest, round_: Round, refused: dict[str, Any] | None = None
) -> HttpResponse:
    context = {**sel.round_context(round_, request.user), "refused": refused}
    return render(request, "congress/elections/setup/round.html", context)


@login_required
def round_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _round_page(request, _round(request, pk))


@login_required
@require_POST
def round_step_view(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    round_ = _round(request, pk)
    step = step_for(action)
    if step is None:
        raise Http404
    form = VersionForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(form_errors(form))
        step(actor=request.user, round_=round_, expected_version=form.cleaned_data["version"])
    except DomainError as exc:
        refused = {"step": action, "problem": exc.message, "field": exc.field}
        return _round_page(request, _round(request, pk), refused)
    messages.success(request, f"已完成：{sel.step_label(action)}。")
    return redirect("congress:round", pk=round_.pk)
