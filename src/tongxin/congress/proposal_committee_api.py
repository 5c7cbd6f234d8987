"""The proposal committee as JSON: the proposals waiting for its decision, one session's
committee, and naming it. Mounted by api.py under /congress/proposals/committee; the
decisions themselves are proposal steps (POST /congress/proposals/<pk>/<action>)."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from tongxin.core.authz import can
from tongxin.core.http import NOT_FOUND, Id, PageNumber
from tongxin.core.pagination import paginate

from . import proposal_committee_selectors as selectors
from .models import Session
from .proposal_committee_forms import users
from .proposal_models import Committee, Proposal
from .services.proposal_committee import committee_name

router = Router(tags=["congress"])
CLOSED_TO_ROLE = "提案审查仅对团委指导老师和提案工作委员会成员开放。"


class WaitingOut(Schema):
    id: int
    session_id: int
    number: int | None
    title: str
    category: str
    lead: str
    state: str
    version: int
    submitted_at: datetime | None


class WaitingPage(Schema):
    items: list[WaitingOut]
    page: int
    has_next: bool


class MemberOut(Schema):
    user_id: int
    name: str
    office_id: int | None
    office: str


class CommitteeOut(Schema):
    session_id: int
    named: bool
    version: int | None
    chair_id: int | None
    chair: str
    members: list[MemberOut]
    can_name: bool


class CommitteeIn(Schema):
    """`chair_id`: an advisor of the school (the caller when left out); `member_ids`:
    handlers of the school's offices and delegates of the session; `version`: the
    committee's, when changing one already named."""

    chair_id: Id | None = None
    member_ids: list[Id] = []
    version: int | None = None


def _waiting(p: Proposal) -> dict[str, Any]:
    return {
        "id": p.pk,
        "session_id": p.session_id,
        "number": p.number,
        "title": p.title,
        "category": p.category,
        "lead": p.lead.real_name or p.lead.username,
        "state": p.state,
        "version": p.version,
        "submitted_at": p.submitted_at,
    }


def _session(request: HttpRequest, pk: int) -> Session:
    try:
        return selectors.committee_session_get_for(actor=request.user, pk=pk)
    except Session.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


def _committee(request: HttpRequest, session: Session) -> dict[str, Any]:
    committee: Committee | None = selectors.committee_of(session)
    return {
        "session_id": session.pk,
        "named": committee is not None,
        "version": committee.version if committee else None,
        "chair_id": committee.chair_id if committee else None,
        "chair": (committee.chair.real_name or committee.chair.username) if committee else "",
        "members": [
            {
                "user_id": m.user_id,
                "name": m.user.real_name or m.user.username,
                "office_id": m.office_id,
                "office": m.office.name if m.office else "",
            }
            for m in selectors.members_of(committee)
        ],
        "can_name": can(request.user, "congress.name_committee", session),
    }


@router.get("/waiting", response=WaitingPage)
def committee_waiting(request: HttpRequest, session: Id | None = None, page: PageNumber = 1) -> Any:
    """Submitted proposals waiting for a decision, in the caller's committees (chair or
    member) and the schools the caller advises; `session` narrows to one session."""
    if not can(request.user, "congress.open_committee_page"):
        raise HttpError(403, CLOSED_TO_ROLE)
    scope = _session(request, session) if session is not None else None
    found = paginate(selectors.waiting_proposals_for(actor=request.user, session=scope), page)
    return {
        "items": [_waiting(p) for p in found.items],
        "page": found.number,
        "has_next": found.has_next,
    }


@router.get("/sessions/{session_id}", response=CommitteeOut)
def committee_detail(request: HttpRequest, session_id: Id) -> Any:
    return _committee(request, _session(request, session_id))


@router.post("/sessions/{session_id}", response=CommitteeOut)
def committee_name_endpoint(request: HttpRequest, session_id: Id, body: CommitteeIn) -> Any:
    """Name the session's committee, or change it (with its `version`)."""
    session = _session(request, session_id)
    if not can(request.user, "congress.name_committee", session):
        raise HttpError(403, "只有本校团委指导老师可以组成提案工作委员会。")
    user: Any = request.user
    chair = users([body.chair_id], "chair")[0] if body.chair_id else None
    committee_name(
        actor=user,
        session=session,
        chair=chair,
        members=users(list(dict.fromkeys(body.member_ids)), "members"),
        expected_version=body.version,
    )
    return _committee(request, session)
