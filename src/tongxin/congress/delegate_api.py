"""The delegates as JSON: lists, one list with its checks, every step, the notice's
objections, a delegate's own term. Mounted by api.py under /congress/delegates."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Router
from ninja import Status as Reply
from ninja.errors import HttpError
from ninja.files import UploadedFile

from tongxin.core.authz import can
from tongxin.core.http import NOT_FOUND, Id, PageNumber
from tongxin.core.pagination import paginate

from . import delegate_selectors as selectors
from .composition import composition_of
from .delegate_machine import DELEGATE_LIST, DELEGATE_OBJECTIONS
from .delegate_schemas import (
    AddIn,
    AnswerIn,
    DelegacyOut,
    DelegateListDetailOut,
    DelegateListOut,
    DelegateListPage,
    ElectionIn,
    ImportOut,
    ObjectionCreatedOut,
    ObjectionIn,
    PrepareIn,
    RemoveIn,
    SessionToPrepareOut,
    VersionIn,
)
from .delegate_views import DUTIES
from .models import DelegateList
from .services import delegates as services
from .services.delegate_import import delegate_list_import

router = Router(tags=["congress"])


def _get(request: HttpRequest, pk: int) -> DelegateList:
    try:
        return selectors.delegate_list_get_for(request.user, pk)
    except DelegateList.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


def _out(d: DelegateList) -> dict[str, Any]:
    return {
        "id": d.pk,
        "session_id": d.session_id,
        "session_number": d.session.number,
        "union": d.union.name,
        "union_id": d.union_id,
        "state": d.state,
        "state_label": d.get_state_display(),
        "version": d.version,
        "seats": d.session.delegate_seats,
        "election_held": d.election_held,
        "candidates": d.candidates,
        "notice_workdays": d.notice_workdays,
        "notice_started_at": d.notice_started_at,
        "notice_ends_at": d.notice_ends_at,
        "notice_days_left": d.notice_days_left,
        "confirmed_at": d.confirmed_at,
        "term_start": d.term_start,
        "term_end": d.term_end,
    }


def _fresh(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _out(selectors.delegate_list_get_for(request.user, pk))


@router.get("/lists", response=DelegateListPage)
def delegate_list_list(request: HttpRequest, state: str = "", page: PageNumber = 1) -> Any:
    """The delegate lists the caller may open, newest first."""
    if not can(request.user, "congress.open_delegate_lists"):
        raise HttpError(403, "代表名单仅对本校师生开放。")
    found = paginate(selectors.delegate_lists_for(request.user, state=state), max(page, 1))
    return {
        "items": [_out(d) for d in found.items],
        "page": found.number,
        "has_next": found.has_next,
    }


@router.get("/sessions-to-prepare", response=list[SessionToPrepareOut])
def sessions_to_prepare(request: HttpRequest) -> Any:
    """Approved sessions of the unions the caller presides, still without a list."""
    if not can(request.user, "congress.open_delegate_lists"):
        raise HttpError(403, "代表名单仅对本校师生开放。")
    return [
        {"id": s.pk, "union": s.union.name, "number": s.number, "delegate_seats": s.delegate_seats}
        for s in selectors.sessions_to_prepare_for(request.user)[:50]
    ]


@router.post("/sessions/{session_id}/prepare", response={201: DelegateListOut})
def delegate_list_prepare(request: HttpRequest, session_id: Id, body: PrepareIn) -> Any:
    session = selectors.sessions_to_prepare_for(request.user).filter(pk=session_id).first()
    if session is None:
        raise HttpError(404, NOT_FOUND)
    user: Any = request.user
    dl = services.delegate_list_prepare(
        actor=user, session=session, election_held=body.election_held, candidates=body.candidates
    )
    return Reply(201, _fresh(request, dl.pk))


@router.get("/lists/{list_id}", response=DelegateListDetailOut)
def delegate_list_detail(request: HttpRequest, list_id: Id) -> Any:
    """One list: its delegates; for its union, the advisor and the college's secretary
    also the quotas, the checks, the mix and every objection (others: their own)."""
    d = _get(request, list_id)
    user: Any = request.user
    full = can(user, "congress.view_delegates", d)
    members = [
        {
            "user_id": m.user_id,
            "name": m.user.real_name,
            "unit_id": m.unit_id,
            "unit": m.unit.name,
            "votes": m.votes if full else None,
            "is_officer": m.is_officer if full else None,
        }
        for m in selectors.members_of(d)
    ]
    composition = None
    quotas: list[dict[str, Any]] = []
    objections = DELEGATE_OBJECTIONS.of(d)
    if full:
        c = composition_of(d)
        composition = {
            "seats": c.facts.seats,
            "entered": c.facts.entered,
            "officers": c.facts.officers,
            "non_officer_percent": c.non_officer_percent,
            "blocking": c.blocking,
            "warnings": c.warnings,
            "mix": {k: [vars(r) for r in rows] for k, rows in c.mix.items()},
        }
        quotas = [
            {"unit_id": q.unit_id, "unit": q.unit.name, "students": q.students, "seats": q.seats}
            for q in d.quotas.select_related("unit").order_by("unit__name", "unit_id")
        ]
    else:
        objections = objections.filter(author_id=user.pk)
    return {
        **_out(d),
        "members": members,
        "quotas": quotas,
        "composition": composition,
        "objections": [
            {
                "id": o.pk,
                "status": o.status,
                "status_label": o.get_status_display(),
                "text": o.text,
                "answer": o.answer,
                "created_at": o.created_at,
                "answered_at": o.answered_at,
            }
            for o in objections[:50]
        ],
        "steps": DELEGATE_LIST.allowed(user, d),
        "can_object": can(user, "congress.object_to_delegates", d),
    }


@router.post("/lists/{list_id}/recount", response=DelegateListOut)
def delegate_list_recount(request: HttpRequest, list_id: Id, body: VersionIn) -> Any:
    d = _get(request, list_id)
    user: Any = request.user
    services.delegate_list_recount(actor=user, delegate_list=d, expected_version=body.version)
    return _fresh(request, d.pk)


@router.post("/lists/{list_id}/members", response=DelegateListOut)
def delegate_add(request: HttpRequest, list_id: Id, body: AddIn) -> Any:
    d = _get(request, list_id)
    user: Any = request.user
    services.delegate_add(
        actor=user,
        delegate_list=d,
        expected_version=body.version,
        number=body.number,
        votes=body.votes,
    )
    return _fresh(request, d.pk)


@router.post("/lists/{list_id}/members/remove", response=DelegateListOut)
def delegate_remove(request: HttpRequest, list_id: Id, body: RemoveIn) -> Any:
    d = _get(request, list_id)
    user: Any = request.user
    services.delegate_remove(
        actor=user, delegate_list=d, expected_version=body.version, user_id=body.user
    )
    return _fresh(request, d.pk)


@router.post("/lists/{list_id}/election", response=DelegateListOut)
def delegate_list_election(request: HttpRequest, list_id: Id, body: ElectionIn) -> Any:
    d = _get(request, list_id)
    user: Any = request.user
    services.delegate_list_set_election(
        actor=user,
        delegate_list=d,
        expected_version=body.version,
        election_held=body.election_held,
        candidates=body.candidates,
    )
    return _fresh(request, d.pk)


@router.post("/lists/{list_id}/import", response=ImportOut)
def delegate_list_import_file(
    request: HttpRequest,
    list_id: Id,
    version: int,
    file: UploadedFile = File(...),  # noqa: B008
) -> Any:
    """All-or-nothing: a 400 names every bad row (学号, 姓名, 得票)."""
    d = _get(request, list_id)
    user: Any = request.user
    n = delegate_list_import(actor=user, delegate_list=d, expected_version=version, stream=file)
    return {"imported": n}


@router.post("/lists/{list_id}/submit", response=DelegateListOut)
def delegate_list_submit(request: HttpRequest, list_id: Id, body: VersionIn) -> Any:
    d = _get(request, list_id)
    user: Any = request.user
    services.delegate_list_submit(actor=user, delegate_list=d, expected_version=body.version)
    return _fresh(request, d.pk)


@router.post("/lists/{list_id}/confirm", response=DelegateListOut)
def delegate_list_confirm(request: HttpRequest, list_id: Id, body: VersionIn) -> Any:
    d = _get(request, list_id)
    user: Any = request.user
    services.delegate_list_confirm(actor=user, delegate_list=d, expected_version=body.version)
    return _fresh(request, d.pk)


@router.post("/lists/{list_id}/objections", response={201: ObjectionCreatedOut})
def delegate_objection_lodge(request: HttpRequest, list_id: Id, body: ObjectionIn) -> Any:
    d = _get(request, list_id)
    user: Any = request.user
    objection = services.delegate_objection_lodge(actor=user, delegate_list=d, text=body.text)
    return Reply(201, {"id": objection.pk, "status": objection.status})


@router.post("/lists/{list_id}/objections/{objection_id}/answer", response=DelegateListOut)
def delegate_objection_answer(
    request: HttpRequest, list_id: Id, objection_id: Id, body: AnswerIn
) -> Any:
    d = _get(request, list_id)
    objection = selectors.objection_of(d, objection_id)
    if objection is None:
        raise HttpError(404, NOT_FOUND)
    user: Any = request.user
    services.delegate_objection_resolve(
        actor=user,
        objection=objection,
        expected_version=body.version,
        upheld=body.upheld,
        answer=body.answer,
    )
    return _fresh(request, d.pk)


@router.get("/mine", response=list[DelegacyOut])
def my_delegacy(request: HttpRequest) -> Any:
    """The caller's delegate seats whose term covers today, with a delegate's duties."""
    if not can(request.user, "congress.open_my_delegacy"):
        raise HttpError(403, "仅学生可查看代表任期。")
    return [
        {
            "list_id": d.delegate_list_id,
            "union": d.delegate_list.union.name,
            "session_number": d.delegate_list.session.number,
            "term_start": d.delegate_list.term_start,
            "term_end": d.delegate_list.term_end,
            "duties": DUTIES,
        }
        for d in selectors.delegacies_of(request.user, timezone.localdate())[:10]
    ]
