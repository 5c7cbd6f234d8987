"""Pages of the proposal committee (提案工作委员会); its decisions are proposal steps
(proposal_steps, on the proposal's page).

proposals/committee/                  the committee work: sessions, proposals waiting
proposals/committee/<session>/        one session's committee and its waiting proposals
proposals/committee/<session>/name/   GET/POST: name the committee or change it (advisor)
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.forms import form_errors
from tongxin.core.pagination import page_number, paginate

from . import proposal_committee_selectors as selectors
from .models import Session
from .proposal_committee_forms import CommitteeForm, users
from .services.proposal_committee import committee_name

SESSIONS_SHOWN = 20


def _session(request: AuthenticatedRequest, pk: int) -> Session:
    try:
        return selectors.committee_session_get_for(actor=request.user, pk=pk)
    except Session.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def committee_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "congress.open_committee_page"):
        raise PermissionDenied
    sessions = list(selectors.committee_sessions_for(actor=request.user)[:SESSIONS_SHOWN])
    page = paginate(selectors.waiting_proposals_for(actor=request.user), page_number(request))
    return render(
        request,
        "congress/proposals/committee/index.html",
        {"sessions": sessions, "page": page},
    )


@login_required
def committee_session_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    committee = selectors.committee_of(session)
    page = paginate(
        selectors.waiting_proposals_for(actor=request.user, session=session), page_number(request)
    )
    return render(
        request,
        "congress/proposals/committee/session.html",
        {
            "s": session,
            "committee": committee,
            "members": selectors.members_of(committee),
            "page": page,
            "can_name": can(request.user, "congress.name_committee", session),
        },
    )


def _initial(session: Session) -> dict[str, Any]:
    committee = selectors.committee_of(session)
    members = selectors.members_of(committee)
    return {
        "version": committee.version if committee else "",
        "chair": committee.chair_id if committee else None,
        "members": [m.user_id for m in members if m.office_id],
        "delegate_numbers": "\n".join(m.user.number for m in members if not m.office_id),
    }


def _name_context(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "s": session,
        "committee": selectors.committee_of(session),
        "advisors": selectors.school_advisors(session.school_id),
        "handlers": selectors.office_handlers(session.school_id),
        "d": data,
    }


def _resolve(session: Session, form: CommitteeForm) -> tuple[Any, list[Any]]:
    """The chair and the members the form names (DomainError for an unknown number)."""
    data = form.cleaned_data
    chair = users([data["chair"]], "chair")[0] if data.get("chair") else None
    numbers = form.numbers()
    found = selectors.delegates_by_number(session, numbers)
    missing = [n for n in numbers if n not in found]
    if missing:
        raise DomainError(
            f"以下学号不是本次会议的代表：{'、'.join(missing[:10])}。", field="delegate_numbers"
        )
    return chair, [*users(data.get("members") or [], "members"), *found.values()]


@login_required
def committee_name_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if not can(request.user, "congress.name_committee", session):
        raise PermissionDenied
    if request.method != "POST":
        context = _name_context(session, _initial(session))
        return render(request, "congress/proposals/committee/name.html", context)
    form = CommitteeForm(request.POST)
    typed = {
        "version": request.POST.get("version", ""),
        "chair": _int(request.POST.get("chair")),
        "members": [_int(v) for v in request.POST.getlist("members")],
        "delegate_numbers": request.POST.get("delegate_numbers", ""),
    }
    problem, field = "", None
    if not form.is_valid():
        problem = form_errors(form)
    else:
        try:
            chair, members = _resolve(session, form)
            committee_name(
                actor=request.user,
                session=session,
                chair=chair,
                members=members,
                expected_version=form.cleaned_data.get("version"),
            )
        except DomainError as exc:
            problem, field = exc.message, exc.field
    if problem:
        context = _name_context(session, typed) | {"problem": problem, "field": field}
        return render(request, "congress/proposals/committee/name.html", context)
    messages.success(request, "提案工作委员会已组成。")
    return redirect("congress:committee-session", pk=session.pk)


def _int(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else None
