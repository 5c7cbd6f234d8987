"""The disclosure (公示) as JSON: read one (logged in, its readers), open one (the school's
advisor). Thin: the selectors read, the services write (the same as the pages)."""

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja import Status as Reply
from ninja.errors import HttpError
from pydantic import Field

from tongxin.core.authz import can
from tongxin.core.http import NOT_FOUND, Id

from . import disclosure_selectors as selectors
from .disclosure_views import public_url
from .models import Disclosure, SchoolAssessment
from .services.disclosure import disclosure_open

router = Router(tags=["reform"])


class LineOut(Schema):
    number: int
    mark: str
    short: str
    verdict: str
    passed: bool | None
    remark: str


class UnionOut(Schema):
    name: str
    kind: str
    presidium: list[str]
    lines: list[LineOut]


class LevelOut(Schema):
    title: str
    unions: list[UnionOut]


class CommentOut(Schema):
    text: str
    on: datetime.date


class DisclosureOut(Schema):
    id: int
    assessment_id: int
    school_id: int
    school: str
    year: int
    state: str
    state_label: str
    workdays: int
    opens_on: datetime.date
    closes_on: datetime.date
    show_names: bool
    public_url: str
    levels: list[LevelOut]
    comments: list[CommentOut]
    may_comment: bool
    may_moderate: bool


class OpenIn(Schema):
    version: int = Field(ge=1, le=2**31 - 1)
    show_names: bool = False


def _out(request: HttpRequest, d: Disclosure) -> dict[str, Any]:
    user: Any = request.user
    return {
        "id": d.pk,
        "assessment_id": d.assessment_id,
        "school_id": d.school_id,
        "school": d.school.name,
        "year": d.assessment.academic_year,
        "state": d.state,
        "state_label": d.get_state_display(),
        "workdays": d.workdays,
        "opens_on": d.opens_on,
        "closes_on": d.closes_on,
        "show_names": d.show_names,
        "public_url": public_url(d),
        "levels": selectors.public_tables(d),
        "comments": selectors.approved_comments(d),
        "may_comment": can(user, "reform.comment_disclosure", d),
        "may_moderate": can(user, "reform.moderate_disclosure", d),
    }


@router.get("/disclosures/{int:pk}", response=DisclosureOut)
def disclosure_detail(request: HttpRequest, pk: Id) -> Any:
    """A disclosure as the public page shows it (no names but the presidium's when shown;
    approved comments without authors), with the window and what the caller may do."""
    try:
        disclosure = selectors.disclosure_get_for(actor=request.user, pk=pk)
    except Disclosure.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc
    return _out(request, disclosure)


@router.post("/assessments/{int:pk}/disclosure", response={201: DisclosureOut})
def disclosure_start(request: HttpRequest, pk: Id, body: OpenIn) -> Any:
    """The school's advisor opens the disclosure of the assessment (every union's sheet
    checked) for the year's N working days."""
    try:
        assessment = selectors.assessment_get_for(actor=request.user, pk=pk)
    except SchoolAssessment.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc
    user: Any = request.user
    disclosure = disclosure_open(
        actor=user, assessment=assessment, expected_version=body.version, show_names=body.show_names
    )
    return Reply(201, _out(request, selectors.disclosure_get_for(actor=user, pk=disclosure.pk)))
