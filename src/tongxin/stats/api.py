"""The statistics as JSON (read-only): a school's figures, the overview, the weekly reports.

Same gates as the pages: 403 for roles that may never read statistics, 404 for a school or
report out of reach; the federation's reading of a report keeps only escalated items.
"""

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from tongxin.core.authz import can
from tongxin.core.http import PageNumber
from tongxin.core.pagination import paginate
from tongxin.orgs.models import Node

from . import selectors
from .figures import Figures, Rate
from .models import WeeklyReport
from .periods import Period, period_from
from .reports import WeeklyView

router = Router(tags=["stats"])
NOT_FOUND = "不存在或不在您的查看范围内。"


class PeriodQuery(Schema):
    month: str = ""
    start: str = ""
    end: str = ""


class RateOut(Schema):
    numerator: int
    denominator: int
    value: float | None


class FiguresOut(Schema):
    counts: dict[str, int]
    on_time: RateOut
    on_time_by_clock: dict[str, RateOut]
    satisfaction: RateOut
    first_reply_median_hours: float | None
    answer_median_hours: float | None


class CategoryOut(Schema):
    name: str
    figures: FiguresOut


class SeriesOut(Schema):
    label: str
    received: int
    answered: int
    closed: int


class SchoolStatsOut(Schema):
    school_id: int
    school_name: str
    start: datetime.date
    end: datetime.date
    figures: FiguresOut
    categories: list[CategoryOut]
    months: list[SeriesOut]


class OverviewRowOut(Schema):
    school_id: int
    code: str
    name: str
    received: int
    answered: int
    on_time: RateOut
    satisfaction: RateOut
    first_reply_median_hours: float | None
    answer_median_hours: float | None


class OverviewPage(Schema):
    start: datetime.date
    end: datetime.date
    page: int
    has_next: bool
    items: list[OverviewRowOut]


class ReportOut(Schema):
    id: int
    school_id: int
    week_start: datetime.date
    full: bool
    figures: dict[str, Any]


class ReportPage(Schema):
    page: int
    has_next: bool
    items: list[ReportOut]


def _rate(rate: Rate) -> dict[str, Any]:
    return {"numerator": rate.numerator, "denominator": rate.denominator, "value": rate.value}


def _figures(figures: Figures) -> dict[str, Any]:
    return {
        "counts": figures.counts,
        "on_time": _rate(figures.on_time),
        "on_time_by_clock": {c: _rate(r) for c, _label, r in figures.clock_rates()},
        "satisfaction": _rate(figures.satisfaction),
        "first_reply_median_hours": figures.first_reply.hours,
        "answer_median_hours": figures.answer.hours,
    }


def _require(request: HttpRequest, perm: str) -> None:
    if not can(request.user, perm):
        raise HttpError(403, "无权查看统计。")


def _period(query: PeriodQuery) -> Period:
    params = {k: v for k, v in query.dict().items() if v}
    period, form = period_from(params)
    if params and not form.is_valid():
        messages = [str(m) for errors in form.errors.values() for m in errors]
        raise HttpError(400, "；".join(messages))
    return period


@router.get("/schools/{school_id}", response=SchoolStatsOut)
def school_stats(request: HttpRequest, school_id: int, query: Query[PeriodQuery]) -> Any:
    _require(request, "stats.view_stats")
    try:
        school = selectors.school_get_for(actor=request.user, pk=school_id)
    except Node.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc
    period = _period(query)
    stats = selectors.school_stats(school, period)
    return {
        "school_id": school.pk,
        "school_name": school.name,
        "start": period.start,
        "end": period.end,
        "figures": _figures(stats.figures),
        "categories": [{"name": c.name, "figures": _figures(c.figures)} for c in stats.categories],
        "months": [vars(p) for p in stats.months],
    }


def _overview_item(row: selectors.OverviewRow) -> dict[str, Any]:
    school = row.school
    return {
        "school_id": school.pk,
        "code": school.code,
        "name": school.name,
        "received": row.received,
        "answered": row.answered,
        "on_time": _rate(row.on_time),
        "satisfaction": _rate(row.satisfaction),
        "first_reply_median_hours": row.first_reply.hours,
        "answer_median_hours": row.answer.hours,
    }


@router.get("/overview", response=OverviewPage)
def overview(
    request: HttpRequest, query: Query[PeriodQuery], sort: str = "code", page: PageNumber = 1
) -> Any:
    _require(request, "stats.view_overview")
    period = _period(query)
    sort = sort if sort in selectors.SORTS else "code"
    found = selectors.overview_page(actor=request.user, period=period, sort=sort, number=page)
    return {
        "start": period.start,
        "end": period.end,
        "page": found.number,
        "has_next": found.has_next,
        "items": [_overview_item(r) for r in found.items],
    }


def _report(request: HttpRequest, report: WeeklyReport) -> dict[str, Any]:
    view = WeeklyView(
        report=report, full=can(request.user, "stats.view_full_weekly_report", report)
    )
    figures = {k: v for k, v in report.figures.items() if k not in {"overdue", "escalated"}}
    figures["overdue"] = view.overdue
    return {
        "id": report.pk,
        "school_id": report.school_id,
        "week_start": report.week_start,
        "full": view.full,
        "figures": figures,
    }


@router.get("/reports", response=ReportPage)
def reports(request: HttpRequest, page: PageNumber = 1) -> Any:
    _require(request, "stats.view_report_list")
    found = paginate(selectors.report_list_for(actor=request.user), page)
    items = [_report(request, r) for r in found.items]
    return {"page": found.number, "has_next": found.has_next, "items": items}


@router.get("/reports/{pk}", response=ReportOut)
def report(request: HttpRequest, pk: int) -> Any:
    _require(request, "stats.view_report_list")
    try:
        found = selectors.report_get_for(actor=request.user, pk=pk)
    except WeeklyReport.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc
    return _report(request, found)
