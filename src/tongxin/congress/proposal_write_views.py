"""Pages of writing and co-signing proposals and of the students' suggestions.

proposals/mine/                      我的提案: my lead proposals, invitations waiting for me,
                                     a write button per open window; the windows I set
proposals/write/<session>/           the write form (GET, POST); ?suggestion=<pk> adopts one
proposals/write/<session>/similar/   htmx: similar proposals of the session under the title
proposals/window/<session>/          the session's collection window (officers, advisor)
suggestions/mine/                    a student's suggestions and the form to send one
suggestions/                         the suggestions to my college (delegates now)
suggestions/<pk>/answer/             POST: a delegate's answer (closes it)
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError, StaleObject
from tongxin.core.pagination import page_number, paginate

from . import proposal_write_selectors as selectors
from .models import Session
from .proposal_models import Suggestion, SuggestionState
from .proposal_write_forms import AnswerForm, SuggestionForm, WindowForm, WriteForm
from .services import proposal_writing as services


def _require(request: AuthenticatedRequest, perm: str) -> None:
    if not can(request.user, perm):
        raise PermissionDenied


def _session(request: AuthenticatedRequest, pk: int, perm: str) -> Session:
    session = selectors.session_by_pk(pk)
    if session is None or not can(request.user, perm, session):
        raise Http404
    return session


def _refuse(form: forms.Form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
def mine_view(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "congress.open_my_proposals")
    user = request.user
    today = timezone.localdate()
    return render(
        request,
        "congress/proposals/mine.html",
        {
            "page": paginate(selectors.my_lead_proposals(user), page_number(request)),
            "invitations": list(selectors.my_invitations(user)[:50]),
            "windows": list(selectors.writable_windows(user, today)[:20]),
            "window_sessions": list(selectors.window_sessions_for(user)[:50]),
            "today": today,
        },
    )


def _basis(request: AuthenticatedRequest, pk: Any) -> Suggestion | None:
    if not pk:
        return None
    found = selectors.suggestion_by_pk(pk)
    if found is None or not can(request.user, "congress.handle_suggestion", found):
        return None
    return found


def _issue(request: AuthenticatedRequest, pk: Any) -> Any:
    if not pk:
        return None
    found = selectors.issue_by_pk(pk)
    if found is None or not can(request.user, "rights.view_issue", found):
        return None
    return found


@login_required
def write_view(request: AuthenticatedRequest, session_pk: int) -> HttpResponse:
    session = _session(request, session_pk, "congress.write_proposal")
    window = services.window_of(session)
    is_open = window is not None and window.is_open_on(timezone.localdate())
    if request.method == "POST":
        form = WriteForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            suggestion = _basis(request, d.get("basis_suggestion"))
            issue = _issue(request, d.get("basis_issue"))
            try:
                if d.get("basis_suggestion") and suggestion is None:
                    raise DomainError("找不到该意见建议。", field="basis_suggestion")
                if d.get("basis_issue") and issue is None:
                    raise DomainError("找不到该权益诉求。", field="basis_issue")
                proposal = services.proposal_write(
                    actor=request.user,
                    session=session,
                    title=d.get("title"),
                    category=d.get("category"),
                    background=d.get("background"),
                    analysis=d.get("analysis"),
                    suggestion=d.get("suggestion"),
                    basis_suggestion=suggestion,
                    basis_issue=issue,
                )
            except DomainError as exc:
                _refuse(form, exc)
            else:
                messages.success(request, "提案草稿已保存。请邀请代表附议，人数够了再提交。")
                return redirect("congress:proposal-detail", pk=proposal.pk)
    else:
        form = WriteForm(initial={"basis_suggestion": request.GET.get("suggestion") or None})
    basis = _basis(request, form["basis_suggestion"].value())
    return render(
        request,
        "congress/proposals/write.html",
        {"session": session, "window": window, "is_open": is_open, "form": form, "basis": basis},
    )


@login_required
def similar_view(request: AuthenticatedRequest, session_pk: int) -> HttpResponse:
    session = _session(request, session_pk, "congress.write_proposal")
    title = request.GET.get("title", "")[:100]
    found = selectors.similar_proposals(session_id=session.pk, title=title)
    return render(request, "congress/proposals/_similar.html", {"similar": found})


@login_required
def window_view(request: AuthenticatedRequest, session_pk: int) -> HttpResponse:
    session = _session(request, session_pk, "congress.set_proposal_window")
    window = services.window_of(session)
    if request.method == "POST":
        form = WindowForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.proposal_window_set(
                    actor=request.user,
                    session=session,
                    opens_on=d.get("opens_on"),
                    closes_on=d.get("closes_on"),
                    expected_version=d.get("version"),
                )
            except (DomainError, StaleObject) as exc:
                _refuse(form, exc)
            else:
                messages.success(request, "提案征集期已保存。")
                return redirect("congress:my-proposals")
    else:
        initial = {}
        if window is not None:
            initial = {
                "opens_on": window.opens_on,
                "closes_on": window.closes_on,
                "version": window.version,
            }
        form = WindowForm(initial=initial)
    return render(
        request,
        "congress/proposals/window.html",
        {"session": session, "window": window, "form": form},
    )


# ---------------------------------------------------------------- suggestions


@login_required
def my_suggestions_view(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "congress.open_my_suggestions")
    may_send = can(request.user, "congress.send_suggestion")
    form = SuggestionForm(request.POST or None)
    if request.method == "POST":
        if not may_send:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.suggestion_send(
                    actor=request.user,
                    title=form.cleaned_data.get("title"),
                    text=form.cleaned_data.get("text"),
                )
            except DomainError as exc:
                _refuse(form, exc)
            else:
                messages.success(request, "意见建议已发送给本学院的代表。")
                return redirect("congress:my-suggestions")
    page = paginate(selectors.my_suggestions(request.user), page_number(request))
    rows = [
        (s, selectors.proposal_of(s) if s.state == SuggestionState.ADOPTED else None)
        for s in page.items
    ]
    return render(
        request,
        "congress/suggestions/mine.html",
        {"page": page, "rows": rows, "form": form, "may_send": may_send},
    )


@login_required
def inbox_view(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "congress.open_suggestion_inbox")
    today = timezone.localdate()
    page = paginate(selectors.suggestions_for_delegate(request.user, today), page_number(request))
    windows = list(selectors.writable_windows(request.user, today)[:5])
    return render(
        request,
        "congress/suggestions/inbox.html",
        {"page": page, "windows": windows, "answer_form": AnswerForm()},
    )


@login_required
@require_POST
def answer_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    suggestion = selectors.suggestion_by_pk(pk)
    if suggestion is None or not can(request.user, "congress.view_suggestion", suggestion):
        raise Http404
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.suggestion_answer(
                actor=request.user,
                suggestion=suggestion,
                expected_version=form.cleaned_data["version"],
                note=form.cleaned_data.get("note"),
            )
        except (DomainError, StaleObject) as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已答复该意见建议。")
    else:
        from tongxin.core.forms import form_errors

        messages.error(request, form_errors(form))
    return redirect("congress:suggestion-inbox")
