"""Call-ins (请上来) and meeting records as JSON (part H). Same gates as the pages: 403 for
roles that never open them (and readers who may not act), 404 for a school or an
assessment out of reach; a refused step is 400 with the Chinese reason naming the field."""

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja import Status as Reply
from ninja.errors import HttpError
from pydantic import Field

from tongxin.core.authz import can
from tongxin.core.http import NOT_FOUND, Id, PageNumber
from tongxin.core.pagination import paginate
from tongxin.orgs.models import Node

from . import meeting_selectors as selectors
from .models import Meeting, MeetingKind, SchoolAssessment
from .services import meetings as services
from .services.meetings import TEXT_LIMIT

router = Router(tags=["reform"])
Year = Annotated[int, Field(ge=1900, le=2999)]
Text = Annotated[str, Field(max_length=TEXT_LIMIT)]


class CallInOut(Schema):
    id: int
    school_id: int
    school: str
    school_code: str
    academic_year: int
    state: str
    state_label: str
    call_in: bool
    version: int
    failures: list[str]


class CallInListOut(Schema):
    year: int
    marked: list[CallInOut]
    candidates: list[CallInOut]
    page: int
    has_next: bool


class CallInIn(Schema):
    version: int = Field(ge=1, le=2**31 - 1)
    call_in: bool
    note: Text = ""  # why (marking) or the reason (clearing: required)


class MeetingOut(Schema):
    id: int
    school_id: int
    school: str
    kind: str
    kind_label: str
    held_on: datetime.date
    attendees: str
    issues: str
    follow_ups: str
    host: str
    assessment_id: int | None


class MeetingPage(Schema):
    items: list[MeetingOut]
    page: int
    has_next: bool


class MeetingIn(Schema):
    school: Id
    kind: MeetingKind
    held_on: datetime.date
    attendees: Text
    issues: Text
    follow_ups: Text = ""


def _call_in_out(a: SchoolAssessment, failures: bool = False) -> dict[str, Any]:
    return {
        "id": a.pk,
        "school_id": a.school_id,
        "school": a.school.name,
        "school_code": a.school.code,
        "academic_year": a.academic_year,
        "state": a.state,
        "state_label": a.get_state_display(),
        "call_in": a.call_in,
        "version": a.version,
        "failures": [f.text for f in selectors.failures_of(a)] if failures else [],
    }


def _meeting_out(m: Meeting) -> dict[str, Any]:
    return {
        "id": m.pk,
        "school_id": m.school_id,
        "school": m.school.name,
        "kind": m.kind,
        "kind_label": m.get_kind_display(),
        "held_on": m.held_on,
        "attendees": m.attendees,
        "issues": m.issues,
        "follow_ups": m.follow_ups,
        "host": m.host.name,
        "assessment_id": m.assessment_id,
    }


def _school(request: HttpRequest, pk: int) -> Node:
    try:
        return selectors.school_get_for(actor=request.user, pk=pk)
    except Node.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


@router.get("/call-ins", response=CallInListOut)
def call_in_list(request: HttpRequest, year: Year, page: PageNumber = 1) -> Any:
    """The year's schools marked for a call-in in the caller's reach (a page of them, with
    why each fails) and the failing schools not yet marked."""
    if not can(request.user, "reform.open_call_ins"):
        raise HttpError(403, "只有市学联、省学联工作人员可以查看约谈对象。")
    found = paginate(selectors.call_in_list_for(actor=request.user, year=year), page)
    candidates = selectors.call_in_candidates_for(actor=request.user, year=year)
    return {
        "year": year,
        "marked": [_call_in_out(a, failures=True) for a in found.items],
        "candidates": [_call_in_out(a) for a in candidates],
        "page": found.number,
        "has_next": found.has_next,
    }


@router.post("/call-ins/{int:pk}", response=CallInOut)
def call_in_set(request: HttpRequest, pk: Id, body: CallInIn) -> Any:
    """Mark (call_in true; only a failing assessment) or clear (false; `note` is the
    reason) a school's assessment for a call-in interview."""
    try:
        assessment = selectors.assessment_get_for(actor=request.user, pk=pk)
    except SchoolAssessment.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc
    user: Any = request.user
    if body.call_in:
        done = services.call_in_mark(
            actor=user, assessment=assessment, expected_version=body.version, note=body.note
        )
    else:
        done = services.call_in_clear(
            actor=user, assessment=assessment, expected_version=body.version, reason=body.note
        )
    return _call_in_out(done, failures=True)


@router.get("/meetings", response=MeetingPage)
def meeting_list(request: HttpRequest, school: Id | None = None, page: PageNumber = 1) -> Any:
    """Meetings (约谈、交流、走访) of the schools in reach, newest first; of one school
    with `school`."""
    if not can(request.user, "reform.open_school_meetings"):
        raise HttpError(403, "只有校团委老师和市学联、省学联工作人员可以查看约谈与交流记录。")
    chosen = _school(request, school) if school is not None else None
    found = paginate(selectors.meeting_list_for(actor=request.user, school=chosen), page)
    return {
        "items": [_meeting_out(m) for m in found.items],
        "page": found.number,
        "has_next": found.has_next,
    }


@router.post("/meetings", response={201: MeetingOut})
def meeting_create(request: HttpRequest, body: MeetingIn) -> Any:
    """Record a meeting with a school in reach (the city or the province)."""
    school = _school(request, body.school)
    user: Any = request.user
    meeting = services.meeting_record(
        actor=user,
        school=school,
        kind=body.kind,
        held_on=body.held_on,
        attendees=body.attendees,
        issues=body.issues,
        follow_ups=body.follow_ups,
    )
    return Reply(201, _meeting_out(meeting))
