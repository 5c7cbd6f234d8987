"""Writing and co-signing as JSON (/api/v1/congress/proposal-writing/…); the steps on a
proposal (edit, invite, cosign, decline, submit, withdraw) go through the shared
POST /api/v1/congress/proposals/<id>/<action> (proposal_api, proposal_steps.STEPS).

GET  mine                          my lead proposals (paged), invitations, open windows
GET  sessions/<id>/window          the session's collection window (or null)
PUT  sessions/<id>/window          set it (the union's officers, the advisor)
POST sessions/<id>/proposals       write a proposal (a draft)
GET  sessions/<id>/similar?title=  similar proposals of the session
GET  suggestions/mine              a student's suggestions and what became of each
POST suggestions                   send one to the college's delegates
GET  suggestions/inbox             the suggestions to my college (delegates now)
POST suggestions/<id>/answer       answer one (closes it)
"""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja import Status as Reply
from ninja.errors import HttpError

from tongxin.core.authz import can
from tongxin.core.http import NOT_FOUND, PageNumber
from tongxin.core.pagination import paginate

from . import proposal_write_selectors as selectors
from .models import Session
from .proposal_api import proposal_out
from .proposal_models import ProposalWindow, Suggestion, SuggestionState
from .proposal_schemas import ProposalOut
from .services import proposal_writing as services

router = Router(tags=["congress"])


class WindowOut(Schema):
    session_id: int
    opens_on: datetime.date
    closes_on: datetime.date
    is_open: bool
    version: int


class WindowIn(Schema):
    opens_on: datetime.date | None = None
    closes_on: datetime.date | None = None
    version: int | None = None


class InvitationOut(Schema):
    proposal_id: int
    title: str
    lead: str
    union: str
    proposal_version: int
    invited_at: datetime.datetime


class MineOut(Schema):
    items: list[ProposalOut]
    page: int
    has_next: bool
    invitations: list[InvitationOut]
    open_windows: list[WindowOut]


class WriteIn(Schema):
    title: str | None = None
    category: str | None = None
    background: str | None = ""
    analysis: str | None = ""
    suggestion: str | None = None
    basis_suggestion: int | None = None
    basis_issue: int | None = None


class SimilarOut(Schema):
    id: int
    number: int | None
    title: str
    state: str
    state_label: str


class SuggestionIn(Schema):
    title: str | None = None
    text: str | None = None


class AnswerIn(Schema):
    version: int
    note: str | None = None


class SuggestionOut(Schema):
    id: int
    title: str
    text: str
    state: str
    state_label: str
    author: str | None
    note: str
    version: int
    created_at: datetime.datetime
    proposal_id: int | None
    proposal_state: str | None
    proposal_state_label: str | None


class SuggestionPage(Schema):
    items: list[SuggestionOut]
    page: int
    has_next: bool


def _window_out(w: ProposalWindow) -> dict[str, Any]:
    return {
        "session_id": w.session_id,
        "opens_on": w.opens_on,
        "closes_on": w.closes_on,
        "is_open": w.is_open_on(timezone.localdate()),
        "version": w.version,
    }


def _session(request: HttpRequest, pk: int, perm: str) -> Session:
    session = Session.objects.select_related("line", "school", "union").filter(pk=pk).first()
    if session is None or not can(request.user, perm, session):
        raise HttpError(404, NOT_FOUND)
    return session


def _require(request: HttpRequest, perm: str, message: str) -> None:
    if not can(request.user, perm):
        raise HttpError(403, message)


@router.get("/mine", response=MineOut)
def mine(request: HttpRequest, page: PageNumber = 1) -> Any:
    _require(request, "congress.open_my_proposals", "只有学生和校团委老师可以查看。")
    user: Any = request.user
    found = paginate(selectors.my_lead_proposals(user).select_related("lead"), page)
    return {
        "items": [proposal_out(p) for p in found.items],
        "page": found.number,
        "has_next": found.has_next,
        "invitations": [
            {
                "proposal_id": s.proposal_id,
                "title": s.proposal.title,
                "lead": s.proposal.lead.real_name or s.proposal.lead.username,
                "union": s.proposal.union.name,
                "proposal_version": s.proposal.version,
                "invited_at": s.invited_at,
            }
            for s in selectors.my_invitations(user)[:50]
        ],
        "open_windows": [
            _window_out(w) for w in selectors.writable_windows(user, timezone.localdate())[:20]
        ],
    }


@router.get("/sessions/{int:session_id}/window", response=WindowOut | None)
def window_get(request: HttpRequest, session_id: int) -> Any:
    session = Session.objects.filter(pk=session_id).first()
    if session is None or not (
        can(request.user, "congress.set_proposal_window", session)
        or can(request.user, "congress.write_proposal", session)
    ):
        raise HttpError(404, NOT_FOUND)
    window = services.window_of(session)
    return _window_out(window) if window is not None else None


@router.put("/sessions/{int:session_id}/window", response=WindowOut)
def window_put(request: HttpRequest, session_id: int, body: WindowIn) -> Any:
    session = _session(request, session_id, "congress.set_proposal_window")
    user: Any = request.user
    window = services.proposal_window_set(
        actor=user,
        session=session,
        opens_on=body.opens_on,
        closes_on=body.closes_on,
        expected_version=body.version,
    )
    return _window_out(window)


@router.post("/sessions/{int:session_id}/proposals", response={201: ProposalOut})
def write(request: HttpRequest, session_id: int, body: WriteIn) -> Any:
    """A new proposal (a draft, the caller its lead). `basis_suggestion` adopts a suggestion
    to the caller's college; `basis_issue` names a rights issue the caller may read."""
    session = _session(request, session_id, "congress.write_proposal")
    user: Any = request.user
    suggestion = issue = None
    if body.basis_suggestion:
        suggestion = Suggestion.objects.filter(pk=body.basis_suggestion).first()
        if suggestion is None or not can(user, "congress.handle_suggestion", suggestion):
            raise HttpError(400, "依据的意见建议：找不到该意见建议。")
    if body.basis_issue:
        from tongxin.rights.models import Issue

        issue = Issue.objects.filter(pk=body.basis_issue).first()
        if issue is None or not can(user, "rights.view_issue", issue):
            raise HttpError(400, "依据的权益诉求：找不到该权益诉求。")
    p = services.proposal_write(
        actor=user,
        session=session,
        title=body.title,
        category=body.category,
        background=body.background,
        analysis=body.analysis,
        suggestion=body.suggestion,
        basis_suggestion=suggestion,
        basis_issue=issue,
    )
    return Reply(201, proposal_out(p))


@router.get("/sessions/{int:session_id}/similar", response=list[SimilarOut])
def similar(request: HttpRequest, session_id: int, title: str = "") -> Any:
    session = _session(request, session_id, "congress.write_proposal")
    return [
        {
            "id": p.pk,
            "number": p.number,
            "title": p.title,
            "state": p.state,
            "state_label": p.get_state_display(),
        }
        for p in selectors.similar_proposals(session_id=session.pk, title=title[:100])
    ]


def _suggestion_out(s: Suggestion, *, with_author: bool) -> dict[str, Any]:
    p = selectors.proposal_of(s) if s.state == SuggestionState.ADOPTED else None
    return {
        "id": s.pk,
        "title": s.title,
        "text": s.text,
        "state": s.state,
        "state_label": s.get_state_display(),
        "author": (s.author.real_name or s.author.username) if with_author else None,
        "note": s.note,
        "version": s.version,
        "created_at": s.created_at,
        "proposal_id": p.pk if p is not None else None,
        "proposal_state": p.state if p is not None else None,
        "proposal_state_label": p.get_state_display() if p is not None else None,
    }


@router.get("/suggestions/mine", response=SuggestionPage)
def my_suggestions(request: HttpRequest, page: PageNumber = 1) -> Any:
    _require(request, "congress.open_my_suggestions", "只有学生可以查看自己的意见建议。")
    found = paginate(selectors.my_suggestions(request.user), page)
    return {
        "items": [_suggestion_out(s, with_author=False) for s in found.items],
        "page": found.number,
        "has_next": found.has_next,
    }


@router.post("/suggestions", response={201: SuggestionOut})
def send(request: HttpRequest, body: SuggestionIn) -> Any:
    user: Any = request.user
    s = services.suggestion_send(actor=user, title=body.title, text=body.text)
    return Reply(201, _suggestion_out(s, with_author=False))


@router.get("/suggestions/inbox", response=SuggestionPage)
def inbox(request: HttpRequest, page: PageNumber = 1) -> Any:
    _require(request, "congress.open_suggestion_inbox", "只有现任学生代表可以查看。")
    rows = selectors.suggestions_for_delegate(request.user, timezone.localdate())
    found = paginate(rows, page)
    return {
        "items": [_suggestion_out(s, with_author=True) for s in found.items],
        "page": found.number,
        "has_next": found.has_next,
    }


@router.post("/suggestions/{int:suggestion_id}/answer", response=SuggestionOut)
def answer(request: HttpRequest, suggestion_id: int, body: AnswerIn) -> Any:
    s = Suggestion.objects.filter(pk=suggestion_id).select_related("author").first()
    user: Any = request.user
    if s is None or not can(user, "congress.view_suggestion", s):
        raise HttpError(404, NOT_FOUND)
    fresh = services.suggestion_answer(
        actor=user, suggestion=s, expected_version=body.version, note=body.note
    )
    return _suggestion_out(
        Suggestion.objects.select_related("author").get(pk=fresh.pk), with_author=True
    )
