"""Pages of the rating (评定): the table of the unions one rates or reads, its Excel export,
and one union's rating form. 403 for roles that never open the table; 404 for a union out
of reach (missing alike); a reader who may not rate (province staff) gets 403 on posting."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode

from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.pagination import page_number
from tongxin.orgs.models import Node

from .models import Grade
from .rating_export import rating_table_xlsx
from .rating_facts import (
    GRADE_FILTERS,
    UNRATED,
    rating_table_for,
    rating_table_page,
    rating_union_get_for,
    table_rows,
)
from .rating_forms import RatingForm
from .services.rating import FIRST_YEAR, rate_congress

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GRADE_FILTER_LABELS = [("", "全部"), *Grade.choices, (UNRATED, "未评定")]


def _require_table(request: HttpRequest) -> None:
    if not can(request.user, "congress.view_rating_table"):
        raise PermissionDenied


def parse_year(raw: str | None, today: datetime.date | None = None) -> int:
    """The year asked for; this year when missing or outside FIRST_YEAR..this year."""
    this_year = (today or timezone.localdate()).year
    raw = (raw or "").strip()
    if raw.isascii() and raw.isdigit() and FIRST_YEAR <= int(raw) <= this_year:
        return int(raw)
    return this_year


def _filters(request: HttpRequest) -> tuple[int, str]:
    grade = request.GET.get("grade", "")
    return parse_year(request.GET.get("year")), grade if grade in GRADE_FILTERS else ""


@login_required
def rating_table_view(request: HttpRequest) -> HttpResponse:
    """代表大会评定: the unions in reach with their congress facts and grade."""
    _require_table(request)
    year, grade = _filters(request)
    page = rating_table_page(
        actor=request.user, year=year, grade=grade, number=page_number(request)
    )
    this_year = timezone.localdate().year
    context = {
        "page": page,
        "year": year,
        "grade": grade,
        "years": list(range(this_year, max(FIRST_YEAR, this_year - 5) - 1, -1)),
        "grade_options": GRADE_FILTER_LABELS,
        "query": urlencode({"year": str(year), "grade": grade}),
    }
    return render(request, "congress/rating_table.html", context)


@login_required
def rating_export_view(request: HttpRequest) -> HttpResponse:
    _require_table(request)
    year, grade = _filters(request)
    unions = list(rating_table_for(actor=request.user, year=year, grade=grade))
    content = rating_table_xlsx(table_rows(unions, year, actor=request.user), year)
    return HttpResponse(
        content,
        content_type=XLSX,
        headers={
            "Content-Disposition": content_disposition_header(True, f"代表大会评定-{year}.xlsx")
        },
    )


def _union(request: HttpRequest, union_id: int) -> Node:
    _require_table(request)
    try:
        return rating_union_get_for(actor=request.user, pk=union_id)
    except Node.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def rating_rate_view(request: HttpRequest, union_id: int, year: int) -> HttpResponse:
    """One union's congress of `year`: its facts, its rating, and the form for a rater."""
    union = _union(request, union_id)
    if year != parse_year(str(year)):
        raise Http404
    may_rate = can(request.user, "congress.rate_union", union)
    [row] = table_rows([union], year, actor=request.user)
    form = RatingForm(
        initial={
            "grade": row.rating.grade if row.rating else "",
            "notes": row.rating.notes if row.rating else "",
            "version": row.rating.version if row.rating else 0,
        }
    )
    if request.method == "POST":
        if not may_rate:
            raise PermissionDenied
        form = RatingForm(request.POST)
        if form.is_valid():
            try:
                rate_congress(actor=request.user, union=union, year=year, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, f"已评定{union.name}{year}年度代表大会。")
                table = reverse("congress:rating-table")
                return redirect(f"{table}?{urlencode({'year': year})}")
    context = {"union": union, "year": year, "row": row, "form": form, "may_rate": may_rate}
    return render(request, "congress/rating_rate.html", context)
