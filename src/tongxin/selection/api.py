"""Selection as JSON: list, detail, recommend, every step, the notice and objections."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja import Status as Reply
from ninja.errors import HttpError

from tongxin.core.authz import can
from tongxin.core.http import PageNumber
from tongxin.core.pagination import paginate

from . import selectors, services
from .actions import ACTIONS, recommend_from
from .forms import form_errors
from .models import Candidacy, State
from .presenters import available_steps, eligibility_lines, state_label, timeline_lines
from .schemas import (
    CandidacyDetailOut,
    CandidacyOut,
    CandidacyPage,
    NoticePage,
    ObjectionCreatedOut,
    ObjectionIn,
    RecommendIn,
    StepIn,
)

router = Router(tags=["selection"])
NOT_FOUND = "不存在或不在您的查看范围内。"


def _out(c: Candidacy) -> dict[str, Any]:
    return {
        "id": c.pk,
        "candidate": c.candidate.real_name,
        "college": c.college.name,
        "union": c.union.name,
        "union_id": c.union_id,
        "position": c.position,
        "position_label": c.get_position_display(),
        "department": c.department.name if c.department else None,
        "is_presidium": c.is_presidium,
        "state": c.state,
        "state_label": state_label(c),
        "version": c.version,
        "notice_workdays": c.notice_workdays,
        "notice_started_at": c.notice_started_at,
        "notice_ends_at": c.notice_ends_at,
        "notice_days_left": c.notice_days_left,
        "created_at": c.created_at,
    }


def _get(request: HttpRequest, pk: int) -> Candidacy:
    try:
        return selectors.candidacy_get_for(actor=request.user, pk=pk)
    except Candidacy.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


@router.get("/candidacies", response=CandidacyPage)
def candidacy_list(request: HttpRequest, state: str = "", page: PageNumber = 1) -> Any:
    """The candidacies the caller may open (advisor: the school; secretary: the college;
    a student: their own), newest first."""
    state = state if state in State.values else ""
    found = paginate(selectors.candidacy_list_for(actor=request.user, state=state), max(page, 1))
    return {
        "items": [_out(c) for c in found.items],
        "page": found.number,
        "has_next": found.has_next,
    }


@router.post("/candidacies", response={201: CandidacyOut})
def candidacy_recommend(request: HttpRequest, body: RecommendIn) -> Any:
    if not can(request.user, "selection.open_college_list"):
        raise HttpError(403, "只有院团委书记可以推荐候选人。")
    user: Any = request.user
    candidacy = recommend_from(user, body.dict())
    return Reply(201, _out(selectors.candidacy_get_for(actor=user, pk=candidacy.pk)))


@router.get("/candidacies/{candidacy_id}", response=CandidacyDetailOut)
def candidacy_detail(request: HttpRequest, candidacy_id: int) -> Any:
    c = _get(request, candidacy_id)
    insider = can(request.user, "selection.resolve_objection", c)
    objections = list(selectors.objections_of(c)) if insider else []
    return {
        **_out(c),
        "recommendation": c.recommendation,
        "closing_reason": c.closing_reason,
        "shows_figures": can(request.user, "selection.view_candidate_grades", c),
        "eligibility": [vars(line) for line in eligibility_lines(c.candidate, request.user, c)],
        "timeline": [vars(line) for line in timeline_lines(c, request.user)],
        "steps": available_steps(c, request.user),
        "objections": [
            {
                "id": o.pk,
                "status": o.status,
                "status_label": o.get_status_display(),
                "text": o.text,
                "answer": o.answer,
                "created_at": o.created_at,
            }
            for o in objections
        ],
    }


@router.post("/candidacies/{candidacy_id}/{action}", response=CandidacyOut)
def candidacy_step(request: HttpRequest, candidacy_id: int, action: str, body: StepIn) -> Any:
    """One step: consent, withdraw, review, decide, stand, publish, resolve, appoint, reject.
    `version` is the candidacy's current version (optimistic locking)."""
    c = _get(request, candidacy_id)
    spec = ACTIONS.get(action)
    if spec is None:
        raise HttpError(404, "未知的操作。")
    form = spec.form(body.dict())
    if not form.is_valid():
        raise HttpError(400, form_errors(form))
    user: Any = request.user
    spec.run(user, c, form.cleaned_data)
    return _out(selectors.candidacy_get_for(actor=user, pk=c.pk))


@router.get("/notice", response=NoticePage)
def notice(request: HttpRequest, page: PageNumber = 1) -> Any:
    """公示: the candidates under notice in the caller's school."""
    if not can(request.user, "selection.view_notice"):
        raise HttpError(403, "公示仅对本校师生开放。")
    found = paginate(selectors.notice_list_for(actor=request.user), max(page, 1))
    items = [
        {
            "id": c.pk,
            "candidate": c.candidate.real_name,
            "college": c.college.name,
            "union": c.union.name,
            "position_label": c.get_position_display(),
            "department": c.department.name if c.department else None,
            "state": c.state,
            "notice_ends_at": c.notice_ends_at,
            "can_object": can(request.user, "selection.object_to_candidacy", c),
        }
        for c in found.items
    ]
    return {"items": items, "page": found.number, "has_next": found.has_next}


@router.post("/notice/{candidacy_id}/objections", response={201: ObjectionCreatedOut})
def objection_lodge(request: HttpRequest, candidacy_id: int, body: ObjectionIn) -> Any:
    try:
        c = selectors.notice_candidacy_get_for(actor=request.user, pk=candidacy_id)
    except Candidacy.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc
    user: Any = request.user
    objection = services.objection_lodge(actor=user, candidacy=c, text=body.text)
    return Reply(201, {"id": objection.pk, "status": objection.status})
