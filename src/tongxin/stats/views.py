"""Pages of the statistics: parse the period → one selector → render (or export).

403 for roles that may never open a page; 404 for a school or report out of reach."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from tongxin.core.authz import can
from tongxin.core.pagination import page_number, paginate
from tongxin.orgs.models import Node

from . import excel, pdf, selectors
from .models import WeeklyReport
from .periods import Period, PeriodForm, period_from
from .reports import WeeklyView

SORT_LABELS = [
    ("code", "学校代码"),
    ("-on_time", "按时率高→低"),
    ("on_time", "按时率低→高"),
    ("-satisfaction", "满意率高→低"),
    ("satisfaction", "满意率低→高"),
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require(request: HttpRequest, perm: str) -> None:
    if not can(request.user, perm):
        raise PermissionDenied


def _period(request: HttpRequest) -> tuple[Period, PeriodForm]:
    params = {k: request.GET.get(k, "") for k in ("month", "start", "end") if request.GET.get(k)}
    return period_from(params)


def _school(request: HttpRequest, school_id: int) -> Node:
    _require(request, "stats.view_stats")
    try:
        return selectors.school_get_for(actor=request.user, pk=school_id)
    except Node.DoesNotExist as exc:
        raise Http404 from exc


def _report(request: HttpRequest, pk: int) -> WeeklyView:
    _require(request, "stats.view_report_list")
    try:
        report = selectors.report_get_for(actor=request.user, pk=pk)
    except WeeklyReport.DoesNotExist as exc:
        raise Http404 from exc
    return WeeklyView(
        report=report, full=can(request.user, "stats.view_full_weekly_report", report)
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    """统计: federation members land on the overview, an advisor on their school."""
    _require(request, "stats.view_stats")
    if can(request.user, "stats.view_overview"):
        return redirect("stats:overview")
    school = selectors.school_list_for(actor=request.user).order_by("code").first()
    if school is None:
        raise Http404
    return redirect("stats:school-detail", school_id=school.pk)


@login_required
def school_detail_view(request: HttpRequest, school_id: int) -> HttpResponse:
    school = _school(request, school_id)
    period, form = _period(request)
    stats = selectors.school_stats(school, period)
    context = {
        "school": school,
        "period": period,
        "form": form,
        "stats": stats,
        "charts": stats.chart_data(),
        "reports": selectors.reports_of_school(school),
    }
    return render(request, "stats/school.html", context)


@login_required
def school_export_view(request: HttpRequest, school_id: int) -> HttpResponse:
    school = _school(request, school_id)
    period, _form = _period(request)
    content = excel.school_stats_xlsx(selectors.school_stats(school, period), period)
    name = f"{school.code}-权益统计-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
    return _download(content, XLSX, name)


@login_required
def overview_view(request: HttpRequest) -> HttpResponse:
    _require(request, "stats.view_overview")
    period, form = _period(request)
    sort = request.GET.get("sort", "code")
    sort = sort if sort in selectors.SORTS else "code"
    page = selectors.overview_page(
        actor=request.user, period=period, sort=sort, number=page_number(request)
    )
    context = {
        "period": period,
        "form": form,
        "page": page,
        "sort": sort,
        "sort_options": SORT_LABELS,
        "query": f"{period.query()}&sort={sort}",
    }
    return render(request, "stats/overview.html", context)


@login_required
def overview_export_view(request: HttpRequest) -> HttpResponse:
    _require(request, "stats.view_overview")
    period, _form = _period(request)
    rows = selectors.overview_for(actor=request.user, period=period, sort="code")
    content = excel.overview_xlsx(selectors.overview_rows(rows, period), period)
    return _download(content, XLSX, f"各校权益统计-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx")


@login_required
def report_list_view(request: HttpRequest) -> HttpResponse:
    _require(request, "stats.view_report_list")
    page = paginate(selectors.report_list_for(actor=request.user), page_number(request))
    return render(request, "stats/report_list.html", {"page": page})


@login_required
def report_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    view = _report(request, pk)
    return render(request, "stats/report_detail.html", {"view": view, "charts": view.chart_data()})


@login_required
def report_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    view = _report(request, pk)
    return _download(pdf.report_pdf(view), "application/pdf", f"{view.title}.pdf")


@login_required
def report_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    view = _report(request, pk)
    return _download(excel.report_xlsx(view), XLSX, f"{view.title}.xlsx")
