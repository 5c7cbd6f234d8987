"""Pages of the heat map (热力图) and of a school's facts: parse the filters → one selector
→ render (or export). 403 for roles that never open the page; 404 for a school, city or
county out of reach (missing alike)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_POST

from tongxin.core.authz import can
from tongxin.orgs.models import Node, SchoolType
from tongxin.staff.calendar import academic_year_of

from .heatmap_export import heatmap_xlsx
from .heatmap_school import catalogues_of, school_results
from .heatmap_selectors import (
    LEVEL_LABELS,
    Filters,
    Heatmap,
    filters_from,
    heatmap_build,
    heatmap_scope_for,
    school_get_for,
)
from .services.results import results_compute

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def heatmap_for_request(request: HttpRequest) -> Heatmap:
    """The heat map the request asks for (403 / 404 as the module says)."""
    if not can(request.user, "reform.open_heatmap"):
        raise PermissionDenied
    try:
        scope = heatmap_scope_for(actor=request.user)
        filters: Filters = filters_from(request.GET, scope)
    except Node.DoesNotExist as exc:
        raise Http404 from exc
    if not can(request.user, "reform.view_scope", scope):
        raise PermissionDenied
    return heatmap_build(scope=scope, filters=filters)


@login_required
def heatmap_view(request: HttpRequest) -> HttpResponse:
    """改革自评热力图: the schools in reach × the indicators of the year and level."""
    heatmap = heatmap_for_request(request)
    context = {
        "heatmap": heatmap,
        "f": heatmap.filters,
        "query": urlencode(heatmap.filters.query()),
        "levels": list(LEVEL_LABELS.items()),
        "types": SchoolType.choices,
        "charts": heatmap.chart_data(),
    }
    return render(request, "reform/heatmap.html", context)


@login_required
def heatmap_export_view(request: HttpRequest) -> HttpResponse:
    heatmap = heatmap_for_request(request)
    f = heatmap.filters
    name = f"改革自评-{f.year}-{LEVEL_LABELS.get(f.level, f.level)}.xlsx"
    return HttpResponse(
        heatmap_xlsx(heatmap),
        content_type=XLSX,
        headers={"Content-Disposition": content_disposition_header(True, name)},
    )


def school_for_request(request: HttpRequest, school_id: int) -> Node:
    if not can(request.user, "reform.open_school_results"):
        raise PermissionDenied
    try:
        return school_get_for(actor=request.user, pk=school_id)
    except Node.DoesNotExist as exc:
        raise Http404 from exc


def year_from(raw: str | None) -> int:
    raw = (raw or "").strip()
    if raw.isascii() and raw.isdigit() and len(raw) == 4:
        return int(raw)
    return academic_year_of(timezone.localdate())


def _school_page(request: HttpRequest, school: Node, year: int, status: int = 200) -> HttpResponse:
    context = {
        "school": school,
        "data": school_results(school, year),
        "may_compute": can(request.user, "reform.compute", school),
        "may_heatmap": can(request.user, "reform.open_heatmap"),
    }
    return render(request, "reform/school.html", context, status=status)


@login_required
def school_view(request: HttpRequest, school_id: int) -> HttpResponse:
    """一所学校的自评情况: every union at both levels × the year's indicators."""
    school = school_for_request(request, school_id)
    return _school_page(request, school, year_from(request.GET.get("year")))


@login_required
@require_POST
def school_compute_view(request: HttpRequest, school_id: int) -> HttpResponse:
    """重新计算: the year's catalogues for every union of the school, from live data."""
    school = school_for_request(request, school_id)
    if not can(request.user, "reform.compute", school):
        raise PermissionDenied
    year = year_from(request.POST.get("year") or request.GET.get("year"))
    catalogues = catalogues_of(year)
    if not catalogues:
        messages.error(request, f"{year} 学年尚无指标体系，无法计算。")
        return _school_page(request, school, year)
    with transaction.atomic():
        unions = sum(
            results_compute(actor=request.user, catalogue=catalogue, scope=school).unions
            for catalogue in catalogues
        )
    messages.success(request, f"已重新计算{school.name}的 {unions} 个学生会。")
    return redirect(f"{reverse('reform:school', args=[school.pk])}?{urlencode({'year': year})}")
