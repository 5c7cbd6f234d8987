"""The rating, the feedback letter and rectification as JSON (part G). Thin: the selectors
read, the services write, as on the pages. Assessment ids name the school's assessment of a
year (the rating and the letter hang on it)."""

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from tongxin.core.authz import can
from tongxin.core.errors import NotAllowed
from tongxin.core.http import NOT_FOUND, Id, PageNumber
from tongxin.core.pagination import paginate

from . import rating_selectors as selectors
from . import rectification_selectors as rect
from .heatmap_selectors import heatmap_scope_for
from .models import RectificationItem, SchoolAssessment
from .rating_machine import RECTIFICATION
from .services import letter as letters
from .services import rating as services
from .services import rectification as rectifying
from .union_selectors import this_year

router = Router(tags=["reform"])
Year = Annotated[int, Field(ge=2000, le=2999)]
Version = Annotated[int, Field(ge=0, le=2**31 - 1)]


class RatingOut(Schema):
    state: str
    scale: str
    proposed_grade: str
    proposed_label: str
    proposed_note: str
    proposed_at: datetime.datetime
    grade: str
    label: str
    note: str
    confirmed_at: datetime.datetime | None
    version: int


class LetterOut(Schema):
    number: str
    title: str
    addressee: str
    issuer: str
    issued_on: datetime.date
    body: list[str]
    pdf: str


class ItemOut(Schema):
    id: int
    school: str
    union: str
    indicator: int
    short: str
    remark: str
    state: str
    closed_how: str
    due_on: datetime.date
    owner: str
    version: int


class AssessmentRatingOut(Schema):
    assessment_id: int
    school: str
    year: int
    state: str
    rating: RatingOut | None
    letter: LetterOut | None
    items: list[ItemOut]
    may_propose: bool
    may_confirm: bool
    may_issue_letter: bool


class RatingRowOut(Schema):
    assessment_id: int
    school: str
    state: str
    rating_state: str
    grade_label: str


class ProposeIn(Schema):
    scale: Id
    grade: str = Field(max_length=20)
    note: str = Field("", max_length=services.NOTE_LIMIT)
    version: Version


class ConfirmIn(Schema):
    grade: str = Field("", max_length=20)
    note: str = Field("", max_length=services.NOTE_LIMIT)
    due_on: datetime.date | None = None
    version: Version


class LetterIn(Schema):
    title: str = Field("", max_length=letters.TITLE_LIMIT)
    extra: str = Field("", max_length=letters.EXTRA_LIMIT)


class RateOut(Schema):
    name: str
    closed: int
    total: int
    percent: float | None


class RatesOut(Schema):
    year: int
    overall: RateOut
    cities: list[RateOut]
    schools: list[RateOut]


class NoteIn(Schema):
    text: str = Field(max_length=rectifying.TEXT_LIMIT)
    version: Version


class AcceptIn(Schema):
    note: str = Field("", max_length=rectifying.TEXT_LIMIT)
    version: Version


class NoteOut(Schema):
    author: str
    text: str
    created_at: datetime.datetime


class ItemDetailOut(ItemOut):
    notes: list[NoteOut]
    allowed: list[str]


def _assessment(request: HttpRequest, pk: int) -> SchoolAssessment:
    try:
        return selectors.assessment_get_for(actor=request.user, pk=pk)
    except SchoolAssessment.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


def _item(request: HttpRequest, pk: int) -> RectificationItem:
    try:
        return rect.item_get_for(actor=request.user, pk=pk)
    except RectificationItem.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


def _page(request: HttpRequest, perm: str) -> None:
    if not can(request.user, perm):
        raise NotAllowed(perm)


def _item_out(item: RectificationItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "school": item.school.name,
        "union": item.union.name,
        "indicator": item.result.indicator.number,
        "short": item.result.indicator.short,
        "remark": item.result.remark,
        "state": item.state,
        "closed_how": item.closed_how,
        "due_on": item.due_on,
        "owner": item.owner.real_name or str(item.owner),
        "version": item.version,
    }


def _rating_out(request: HttpRequest, assessment: SchoolAssessment) -> dict[str, Any]:
    rating = selectors.rating_of(assessment)
    letter = selectors.letter_get(assessment)
    user: Any = request.user
    subject = rating or assessment
    out: dict[str, Any] = {
        "assessment_id": assessment.pk,
        "school": assessment.school.name,
        "year": assessment.academic_year,
        "state": assessment.state,
        "rating": None,
        "letter": None,
        "items": [_item_out(i) for i in selectors.items_of(assessment)],
        "may_propose": can(user, "reform.propose_rating", subject),
        "may_confirm": can(user, "reform.confirm_rating", subject),
        "may_issue_letter": can(user, "reform.issue_letter", assessment),
    }
    if rating is not None:
        out["rating"] = {
            "state": rating.state,
            "scale": rating.scale.name,
            "proposed_grade": rating.proposed_grade,
            "proposed_label": rating.scale.label_of(rating.proposed_grade),
            "proposed_note": rating.proposed_note,
            "proposed_at": rating.proposed_at,
            "grade": rating.grade,
            "label": rating.scale.label_of(rating.grade) if rating.grade else "",
            "note": rating.note,
            "confirmed_at": rating.confirmed_at,
            "version": rating.version,
        }
    if letter is not None:
        out["letter"] = {
            "number": letter.number,
            "title": letter.title,
            "addressee": letter.addressee,
            "issuer": letter.issuer,
            "issued_on": letter.issued_on,
            "body": letter.body.split("\n"),
            "pdf": f"/reform/assessments/{assessment.pk}/letter.pdf",
        }
    return out


@router.get("/ratings", response=list[RatingRowOut])
def rating_list(
    request: HttpRequest,
    year: Year | None = None,
    page: PageNumber = 1,
) -> Any:
    """The assessments below the caller's federation node that the city has reviewed, with
    their rating (federation staff only; a page of rows)."""
    _page(request, "reform.open_ratings")
    rows = selectors.ratings_for(actor=request.user, year=year or this_year())
    return [
        {
            "assessment_id": a.pk,
            "school": a.school.name,
            "state": a.state,
            "rating_state": getattr(getattr(a, "rating", None), "state", ""),
            "grade_label": _label(a),
        }
        for a in paginate(rows, page).items
    ]


def _label(a: SchoolAssessment) -> str:
    rating = getattr(a, "rating", None)
    if rating is None:
        return ""
    return rating.scale.label_of(rating.grade or rating.proposed_grade)


@router.get("/ratings/{int:pk}", response=AssessmentRatingOut)
def rating_detail(request: HttpRequest, pk: Id) -> Any:
    """One assessment's rating, letter and rectification items (pk: the assessment's id)."""
    return _rating_out(request, _assessment(request, pk))


@router.post("/ratings/{int:pk}/propose", response=AssessmentRatingOut)
def rating_propose(request: HttpRequest, pk: Id, body: ProposeIn) -> Any:
    """The city proposes a grade of a rating scale (version 0 for the first proposal)."""
    assessment = _assessment(request, pk)
    scale = selectors.scale_get(body.scale)
    if scale is None:
        raise HttpError(404, NOT_FOUND)
    user: Any = request.user
    services.rating_propose(
        actor=user,
        assessment=assessment,
        scale=scale,
        grade=body.grade,
        note=body.note,
        expected_version=body.version,
    )
    return _rating_out(request, assessment)


@router.post("/ratings/{int:pk}/confirm", response=AssessmentRatingOut)
def rating_confirm(request: HttpRequest, pk: Id, body: ConfirmIn) -> Any:
    """The province confirms (an empty grade keeps the city's); rectification items follow."""
    assessment = _assessment(request, pk)
    user: Any = request.user
    services.rating_confirm(
        actor=user,
        assessment=assessment,
        grade=body.grade,
        note=body.note,
        due_on=body.due_on,
        expected_version=body.version,
    )
    return _rating_out(request, assessment)


@router.post("/ratings/{int:pk}/letter", response=AssessmentRatingOut)
def letter_issue(request: HttpRequest, pk: Id, body: LetterIn) -> Any:
    """The province issues the feedback letter of a confirmed rating."""
    assessment = _assessment(request, pk)
    user: Any = request.user
    letters.letter_issue(actor=user, assessment=assessment, title=body.title, extra=body.extra)
    return _rating_out(request, assessment)


def _rate(r: rect.Rate) -> dict[str, Any]:
    percent = r.percent
    return {
        "name": r.name,
        "closed": r.closed,
        "total": r.total,
        "percent": float(percent) if percent is not None else None,
    }


@router.get("/rectification/rates", response=RatesOut)
def rectification_rates(request: HttpRequest, year: Year | None = None) -> Any:
    """Closed ÷ total rectification items of a year: the caller's node, cities, schools."""
    _page(request, "reform.open_rectification_rates")
    scope = heatmap_scope_for(actor=request.user)
    rates = rect.rates_for(actor=request.user, year=year or this_year(), scope_name=scope.name)
    return {
        "year": rates.year,
        "overall": _rate(rates.overall),
        "cities": [_rate(r) for r in rates.cities],
        "schools": [_rate(r) for r in rates.schools],
    }


@router.get("/rectification/items", response=list[ItemOut])
def rectification_items(
    request: HttpRequest,
    year: Year | None = None,
    school: Id | None = None,
    state: str = "",
    page: PageNumber = 1,
) -> Any:
    """The items the caller reads (a page), by year, school and state (open / closed)."""
    _page(request, "reform.open_rectification")
    rows = rect.items_for(actor=request.user, year=year, school=school, state=state)
    return [_item_out(i) for i in paginate(rows, page).items]


def _detail(request: HttpRequest, item: RectificationItem) -> dict[str, Any]:
    notes = [
        {"author": n.author.real_name or str(n.author), "text": n.text, "created_at": n.created_at}
        for n in rect.notes_of(item)
    ]
    allowed = RECTIFICATION.allowed(request.user, item)
    return _item_out(item) | {"notes": notes, "allowed": allowed}


@router.get("/rectification/items/{int:pk}", response=ItemDetailOut)
def rectification_item(request: HttpRequest, pk: Id) -> Any:
    return _detail(request, _item(request, pk))


@router.post("/rectification/items/{int:pk}/notes", response=ItemDetailOut)
def rectification_note(request: HttpRequest, pk: Id, body: NoteIn) -> Any:
    """A progress note by the advisor or the union's officer; files follow through the
    attachments API on the item (reform.rectificationitem)."""
    item = _item(request, pk)
    user: Any = request.user
    rectifying.rectification_note(
        actor=user, item=item, expected_version=body.version, text=body.text
    )
    return _detail(request, _item(request, pk))


@router.post("/rectification/items/{int:pk}/accept", response=ItemDetailOut)
def rectification_accept(request: HttpRequest, pk: Id, body: AcceptIn) -> Any:
    """The city or province accepts the evidence: the item closes."""
    item = _item(request, pk)
    user: Any = request.user
    rectifying.rectification_accept(
        actor=user, item=item, expected_version=body.version, note=body.note
    )
    return _detail(request, _item(request, pk))
