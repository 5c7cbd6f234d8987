"""The rating (评定) as JSON: the table of the unions one rates or reads, one union's row,
and the rating action. Same gates as the pages: 403 for roles that never open the table,
404 for a union out of reach, 403 for a reader who may not rate."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from tongxin.core.authz import can
from tongxin.core.http import NOT_FOUND, Id, PageNumber
from tongxin.orgs.models import Node

from .rating_facts import (
    GRADE_FILTERS,
    TableRow,
    rating_table_page,
    rating_union_get_for,
    table_rows,
)
from .rating_schemas import RatingIn, RatingPage, RatingRowOut
from .rating_views import parse_year
from .services.rating import rate_congress

router = Router(tags=["congress"])


def _require_table(request: HttpRequest) -> None:
    if not can(request.user, "congress.view_rating_table"):
        raise HttpError(403, "只有市学联、省学联工作人员和校团委老师可以查看代表大会评定。")


def row_out(row: TableRow, year: int) -> dict[str, Any]:
    union, facts, rating = row.union, row.facts, row.rating
    school = union.school
    return {
        "union_id": union.pk,
        "union": union.name,
        "level": union.kind,
        "level_label": union.get_kind_display(),
        "school_id": union.school_id,
        "school": school.name if school else "",
        "school_code": school.code if school else "",
        "city": getattr(union, "city_name", "") or "",
        "year": year,
        "applied": facts.applied,
        "approved": facts.approved,
        "held": facts.held,
        "reported": facts.reported,
        "on_schedule": facts.on_schedule,
        "last_held_on": facts.last_held_on,
        "due_on": facts.due_on,
        "rating": None
        if rating is None
        else {
            "grade": rating.grade,
            "grade_label": rating.get_grade_display(),
            "notes": rating.notes,
            "rated_by": rating.rated_by.real_name,
            "rated_at": rating.rated_at,
            "version": rating.version,
        },
        "version": rating.version if rating else 0,
        "may_rate": row.may_rate,
    }


def _union(request: HttpRequest, union_id: int) -> Node:
    _require_table(request)
    try:
        return rating_union_get_for(actor=request.user, pk=union_id)
    except Node.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


@router.get("", response=RatingPage)
def rating_table(
    request: HttpRequest, year: int | None = None, grade: str = "", page: PageNumber = 1
) -> Any:
    """代表大会评定表: the unions in reach with the year's congress facts and grade
    (`grade`: excellent, qualified, attention, or none for not rated yet)."""
    _require_table(request)
    year = parse_year(str(year) if year is not None else None)
    grade = grade if grade in GRADE_FILTERS else ""
    found = rating_table_page(actor=request.user, year=year, grade=grade, number=page)
    return {
        "year": year,
        "items": [row_out(row, year) for row in found.items],
        "page": found.number,
        "has_next": found.has_next,
    }


@router.get("/{union_id}", response=RatingRowOut)
def rating_detail(request: HttpRequest, union_id: Id, year: int | None = None) -> Any:
    union = _union(request, union_id)
    year = parse_year(str(year) if year is not None else None)
    [row] = table_rows([union], year, actor=request.user)
    return row_out(row, year)


@router.post("/{union_id}", response=RatingRowOut)
def rating_rate(request: HttpRequest, union_id: Id, body: RatingIn) -> Any:
    """Rate the union's congress of `year` (`version`: the rating's version read, 0 when
    none). 400 with the field named when refused."""
    union = _union(request, union_id)
    if not can(request.user, "congress.rate_union", union):
        raise HttpError(403, "您可以查看但不能评定该学生会的代表大会。")
    rate_congress(actor=request.user, union=union, **body.dict())
    [row] = table_rows([union], body.year, actor=request.user)
    return row_out(row, body.year)
