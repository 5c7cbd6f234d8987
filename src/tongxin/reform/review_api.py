"""The review chain as JSON (issue 17): the assessments of the reader's level, one
assessment with its sheets, steps and timeline, the steps of sheets and assessments, and
the reporting rates. Thin: the selectors read, the services write (as the pages do)."""

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from tongxin.core.authz import can
from tongxin.core.http import NOT_FOUND, Id, PageNumber
from tongxin.core.pagination import PAGE_SIZE

from . import review_selectors as selectors
from .review_models import AssessmentState, SchoolAssessment, UnionSheet
from .review_presenters import assessment_buttons, assessment_waiting, sheet_buttons
from .services import review as services
from .services.review import REASON_LIMIT
from .union_selectors import this_year

router = Router(tags=["reform"])
Year = Annotated[int, Field(ge=1900, le=2999)]


class StepIn(Schema):
    version: int = Field(ge=1, le=2**31 - 1)
    reason: str = Field("", max_length=REASON_LIMIT)


class SheetOut(Schema):
    id: int
    union_id: int
    union: str
    catalogue_id: int
    state: str
    state_label: str
    version: int
    steps: list[str]


class StepOut(Schema):
    action: str
    label: str
    reason: str
    union: str
    actor: str
    at: datetime.datetime


class AssessmentOut(Schema):
    id: int
    school_id: int
    school: str
    code: str
    year: int
    state: str
    state_label: str
    version: int
    waiting: bool
    submitted_at: datetime.datetime | None
    city_reviewed_at: datetime.datetime | None
    confirmed_at: datetime.datetime | None
    locked: bool


class AssessmentDetailOut(AssessmentOut):
    steps: list[str]
    sheets: list[SheetOut]
    timeline: list[StepOut]


class AssessmentPageOut(Schema):
    year: int
    page: int
    has_next: bool
    items: list[AssessmentOut]


class RateOut(Schema):
    level: str
    label: str
    due: datetime.date | None
    expected: int
    submitted: int
    on_time: int


def _out(a: SchoolAssessment, level: str) -> dict[str, Any]:
    return {
        "id": a.pk,
        "school_id": a.school_id,
        "school": a.school.name,
        "code": a.school.code or "",
        "year": a.academic_year,
        "state": a.state,
        "state_label": a.get_state_display(),
        "version": a.version,
        "waiting": assessment_waiting(a, level),
        "submitted_at": a.submitted_at,
        "city_reviewed_at": a.city_reviewed_at,
        "confirmed_at": a.confirmed_at,
        "locked": a.is_locked,
    }


def _sheet_out(user: Any, s: UnionSheet, a: SchoolAssessment | None) -> dict[str, Any]:
    return {
        "id": s.pk,
        "union_id": s.union_id,
        "union": s.union.name,
        "catalogue_id": s.catalogue_id,
        "state": s.state,
        "state_label": s.get_state_display(),
        "version": s.version,
        "steps": [b.name for b in sheet_buttons(user, s, a)],
    }


def _assessment(request: HttpRequest, pk: int) -> SchoolAssessment:
    try:
        return selectors.assessment_get_for(actor=request.user, pk=pk)
    except SchoolAssessment.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    user: Any = request.user
    a = _assessment(request, pk)
    return {
        **_out(a, selectors.level_of(user)),
        "steps": [b.name for b in assessment_buttons(user, a)],
        "sheets": [_sheet_out(user, s, a) for s in selectors.sheets_of(a)],
        "timeline": [
            {
                "action": s.action,
                "label": s.label,
                "reason": s.reason,
                "union": s.sheet.union.name if s.sheet else "",
                "actor": s.actor.real_name or s.actor.username,
                "at": s.created_at,
            }
            for s in selectors.steps_of(a)
        ],
    }


def _require_open(request: HttpRequest) -> None:
    if not can(request.user, "reform.open_review"):
        raise HttpError(403, "只有校团委老师和学联工作人员可以查看改革自评审核。")


@router.get("/assessments", response=AssessmentPageOut)
def assessment_list(
    request: HttpRequest, year: Year | None = None, state: str = "", page: PageNumber = 1
) -> Any:
    """The assessments of the reader's level (the advisor's school; the schools below a
    federation node), with "waiting" when the level below has not finished."""
    _require_open(request)
    if state and state not in AssessmentState.values:
        raise HttpError(422, "状态：请选择有效的状态。")
    user: Any = request.user
    year = year or this_year()
    rows = selectors.assessments_for(actor=user, year=year, state=state)
    start = (page - 1) * PAGE_SIZE
    found = list(rows[start : start + PAGE_SIZE + 1])
    level = selectors.level_of(user)
    return {
        "year": year,
        "page": page,
        "has_next": len(found) > PAGE_SIZE,
        "items": [_out(a, level) for a in found[:PAGE_SIZE]],
    }


@router.get("/assessments/{int:pk}", response=AssessmentDetailOut)
def assessment_detail(request: HttpRequest, pk: Id) -> Any:
    return _detail(request, pk)


@router.post("/assessments/{int:pk}/{action}", response=AssessmentDetailOut)
def assessment_step(request: HttpRequest, pk: Id, action: str, body: StepIn) -> Any:
    """One step of the assessment: submit, withdraw-submit, city-approve, city-return,
    withdraw-city, province-confirm, province-return (returns need `reason`)."""
    a = _assessment(request, pk)
    if action not in services.ASSESSMENT_SERVICES:
        raise HttpError(404, "未知的操作。")
    user: Any = request.user
    services.take_assessment_step(
        actor=user, assessment=a, name=action, expected_version=body.version, reason=body.reason
    )
    return _detail(request, pk)


@router.post("/sheets/{int:pk}/{action}", response=SheetOut)
def sheet_step(request: HttpRequest, pk: Id, action: str, body: StepIn) -> Any:
    """One step of a union's sheet: college-check, school-check, withdraw-college-check,
    withdraw-school-check, return (with `reason`)."""
    user: Any = request.user
    try:
        sheet = selectors.sheet_get_for(actor=user, pk=pk)
    except UnionSheet.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc
    if action not in services.SHEET_SERVICES:
        raise HttpError(404, "未知的操作。")
    services.take_sheet_step(
        actor=user, sheet=sheet, name=action, expected_version=body.version, reason=body.reason
    )
    fresh = selectors.sheet_get_for(actor=user, pk=pk)
    return _sheet_out(user, fresh, selectors.assessment_of_sheet(fresh))


@router.get("/review/rates", response=list[RateOut])
def review_rates(request: HttpRequest, year: Year | None = None) -> Any:
    """Reporting rates per level within the reader's reach: expected, reported, on time."""
    _require_open(request)
    user: Any = request.user
    return [
        {
            "level": r.level,
            "label": r.label,
            "due": r.due,
            "expected": r.expected,
            "submitted": r.submitted,
            "on_time": r.on_time,
        }
        for r in selectors.rates_for(actor=user, year=year or this_year())
    ]
