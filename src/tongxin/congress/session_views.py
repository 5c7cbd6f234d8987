"""Pages of the congress sessions: parse input → one selector → one service → render."""

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
from tongxin.core.forms import form_errors
from tongxin.core.pagination import MAX_ID, page_number, paginate

from . import selectors, services
from .models import CongressLine, Session, UnionLevel
from .presenters import due_of, line_context, session_context
from .session_forms import STEPS, PastForm, RuleForm


def _require(request: AuthenticatedRequest, perm: str) -> None:
    if not can(request.user, perm):
        raise PermissionDenied


def _line(request: AuthenticatedRequest, pk: int) -> CongressLine:
    try:
        return selectors.line_get_for(actor=request.user, pk=pk)
    except CongressLine.DoesNotExist as exc:
        raise Http404 from exc


def _session(request: AuthenticatedRequest, pk: int) -> Session:
    try:
        return selectors.session_get_for(actor=request.user, pk=pk)
    except Session.DoesNotExist as exc:
        raise Http404 from exc


def _line_page(request: AuthenticatedRequest, line: CongressLine, **extra: Any) -> HttpResponse:
    page = paginate(selectors.sessions_of(line), page_number(request))
    context = line_context(line, request.user, page.items)
    return render(request, "congress/session/line.html", {**context, "page": page, **extra})


@login_required
def mine_view(request: AuthenticatedRequest) -> HttpResponse:
    """The union's congress page for its officers (their first union; links to the others)."""
    _require(request, "congress.open_union_page")
    unions = selectors.officer_unions(request.user)
    if not unions:
        raise PermissionDenied
    line = services.line_for(unions[0])
    return _line_page(request, line, others=unions[1:])


@login_required
def line_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _line_page(request, _line(request, pk))


@login_required
def union_view(request: AuthenticatedRequest, union_id: int) -> HttpResponse:
    """A union's page by the union's id (links from other unions' pages)."""
    line = selectors.line_of_union(union_id) if union_id <= MAX_ID else None
    if line is None:
        raise Http404
    return _line_page(request, _line(request, line.pk))


@login_required
@require_POST
def plan_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    line = _line(request, pk)
    try:
        session = services.session_plan(actor=request.user, line=line)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("congress:line-detail", pk=line.pk)
    messages.success(request, "已开始筹备，请填写召开申请。")
    return redirect("congress:session-detail", pk=session.pk)


@login_required
@require_POST
def past_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    line = _line(request, pk)
    form = PastForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("congress:line-detail", pk=line.pk)
    try:
        services.line_enter_past(
            actor=request.user,
            line=line,
            expected_version=form.cleaned_data["version"],
            held_on=form.cleaned_data.get("held_on"),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已录入，应召开日期已更新。")
    return redirect("congress:line-detail", pk=line.pk)


@login_required
def session_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    return render(request, "congress/session/detail.html", session_context(session, request.user))


@login_required
@require_POST
def action_view(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    session = _session(request, pk)
    spec = STEPS.get(action)
    if spec is None:
        raise Http404
    form = spec.form(request.POST)
    if not form.is_valid():
        return _refused(request, pk, action, form_errors(form), None)
    try:
        spec.run(request.user, session, form.cleaned_data)
    except DomainError as exc:
        return _refused(request, pk, action, exc.message, exc.field)
    messages.success(request, str(spec.done))
    return redirect("congress:session-detail", pk=session.pk)


def _refused(
    request: AuthenticatedRequest, pk: int, step: str, problem: str, field: str | None
) -> HttpResponse:
    """The session page again with the refused step's input as typed and the reason on top;
    read afresh, as the refusal may come from a change meanwhile."""
    context = session_context(_session(request, pk), request.user)
    refused = {"step": step, "problem": problem, "field": field, "data": request.POST}
    return render(request, "congress/session/detail.html", {**context, "refused": refused})


@login_required
def supervise_view(request: AuthenticatedRequest) -> HttpResponse:
    """The supervisor's page: applications to decide, and the watched unions by due date
    (overdue first)."""
    _require(request, "congress.open_supervisor_page")
    applications = selectors.applications_for(actor=request.user)
    shown = list(applications[:50])
    page = paginate(selectors.watched_lines_for(actor=request.user), page_number(request))
    return render(
        request,
        "congress/session/supervise.html",
        {
            "applications": shown,
            "more_applications": len(shown) == 50,
            "page": page,
            "rows": [(line, due_of(line)) for line in page.items],
        },
    )


@login_required
def rules_view(request: AuthenticatedRequest) -> HttpResponse:
    """代表大会规则: one form per union level (the province's admin)."""
    _require(request, "congress.manage_rules")
    current = selectors.rules_by_level()
    forms = {
        level: RuleForm(
            request.POST if request.POST.get("level") == level else None,
            initial={f: getattr(current[level], f) for f in RuleForm.base_fields},
            prefix=level,
        )
        for level in UnionLevel.values
    }
    level = request.POST.get("level", "")
    if request.method == "POST":
        form = forms.get(level)
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.rule_save(actor=request.user, level=level, values=form.cleaned_data)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, "代表大会规则已保存。")
                return redirect("congress:rules")
    return render(
        request,
        "congress/session/rules.html",
        {"levels": [(v, label, forms[v]) for v, label in UnionLevel.choices]},
    )
