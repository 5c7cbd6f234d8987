"""The heat map and a school's facts as JSON (part C of api.py's router). Same gates as the
pages: 403 for roles that never open them, 404 for a school, city or county out of reach."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from tongxin.core.authz import can
from tongxin.core.http import NOT_FOUND, Id
from tongxin.orgs.models import Node

from .heatmap_school import catalogues_of, school_results
from .heatmap_selectors import filters_from, heatmap_build, heatmap_scope_for, school_get_for
from .heatmap_views import year_from
from .services.results import results_compute

router = Router(tags=["reform"])


class IndicatorOut(Schema):
    number: int
    short: str
    mark: str
    passing_schools: int
    previous_passing_schools: int | None
    change: int | None


class CellOut(Schema):
    number: int
    unions: int
    judged: int
    passed: int
    share: float | None
    passes: bool


class SchoolRowOut(Schema):
    id: int
    code: str
    name: str
    city: str
    county: str
    type: str
    cells: list[CellOut]


class HeatmapOut(Schema):
    year: int
    level: str
    catalogue: str | None
    previous_catalogue: str | None
    indicators: list[IndicatorOut]
    schools: list[SchoolRowOut]


class LineOut(Schema):
    number: int
    short: str
    mark: str
    passed: bool | None
    verdict: str
    remark: str
    source: str
    source_label: str
    facts: list[str]


class UnionOut(Schema):
    id: int
    name: str
    kind: str
    results: list[LineOut]


class LevelOut(Schema):
    level: str
    catalogue: str
    unions: list[UnionOut]


class SchoolOut(Schema):
    id: int
    code: str
    name: str
    year: int
    levels: list[LevelOut]


class ComputedOut(Schema):
    year: int
    unions: int
    results: int


@router.get("/heatmap", response=HeatmapOut)
def heatmap(
    request: HttpRequest,
    year: str = "",
    level: str = "",
    city: str = "",
    county: str = "",
    school_type: str = Query("", alias="type"),
) -> Any:
    """改革自评热力图: schools × indicators (`year`, default this academic year; `level`
    school or college; `city` and `county` node ids within the reader's reach, else 404;
    `type` a school type); each cell the share of the school's unions of the level that
    pass the indicator."""
    params = {"year": year, "level": level, "city": city, "county": county, "type": school_type}
    if not can(request.user, "reform.open_heatmap"):
        raise HttpError(403, "只有市学联、省学联工作人员可以查看改革自评热力图。")
    try:
        scope = heatmap_scope_for(actor=request.user)
        filters = filters_from(params, scope)
    except Node.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc
    if not can(request.user, "reform.view_scope", scope):
        raise HttpError(403, "您不能查看该范围的热力图。")
    h = heatmap_build(scope=scope, filters=filters)
    numbers = [c.indicator.number for c in h.columns]
    return {
        "year": filters.year,
        "level": filters.level,
        "catalogue": h.catalogue.title if h.catalogue else None,
        "previous_catalogue": h.previous.title if h.previous else None,
        "indicators": [
            {
                "number": c.indicator.number,
                "short": c.indicator.short,
                "mark": c.indicator.get_mark_display() if c.indicator.mark else "",
                "passing_schools": c.passing,
                "previous_passing_schools": c.previous,
                "change": c.change,
            }
            for c in h.columns
        ],
        "schools": [
            {
                "id": r.school.pk,
                "code": r.school.code,
                "name": r.school.name,
                "city": r.city,
                "county": r.county,
                "type": r.school.school_type,
                "cells": [
                    {
                        "number": n,
                        "unions": c.unions,
                        "judged": c.judged,
                        "passed": c.passed,
                        "share": c.share,
                        "passes": c.passes,
                    }
                    for n, c in zip(numbers, r.cells, strict=True)
                ],
            }
            for r in h.rows
        ],
    }


def _school(request: HttpRequest, school_id: int) -> Node:
    if not can(request.user, "reform.open_school_results"):
        raise HttpError(403, "只有校团委老师和市学联、省学联工作人员可以查看学校自评情况。")
    try:
        return school_get_for(actor=request.user, pk=school_id)
    except Node.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


@router.get("/schools/{school_id}", response=SchoolOut)
def school(request: HttpRequest, school_id: Id, year: int | None = None) -> Any:
    """一所学校的自评情况: every union at both levels × the year's indicators."""
    found = _school(request, school_id)
    data = school_results(found, year_from(str(year) if year else None))
    return {
        "id": found.pk,
        "code": found.code,
        "name": found.name,
        "year": data.year,
        "levels": [
            {
                "level": block.catalogue.level,
                "catalogue": block.catalogue.title,
                "unions": [
                    {
                        "id": u.union.pk,
                        "name": u.union.name,
                        "kind": u.union.kind,
                        "results": [
                            {
                                "number": line.indicator.number,
                                "short": line.indicator.short,
                                "mark": line.indicator.get_mark_display()
                                if line.indicator.mark
                                else "",
                                "passed": line.passed,
                                "verdict": line.verdict,
                                "remark": line.result.remark if line.result else "",
                                "source": line.result.source if line.result else "",
                                "source_label": line.source,
                                "facts": line.facts,
                            }
                            for line in u.lines
                        ],
                    }
                    for u in block.unions
                ],
            }
            for block in data.levels
        ],
    }


@router.post("/schools/{school_id}/compute", response=ComputedOut)
def school_compute(request: HttpRequest, school_id: Id, year: int | None = None) -> Any:
    """重新计算: the year's catalogues for every union of the school (404 without any)."""
    found = _school(request, school_id)
    if not can(request.user, "reform.compute", found):
        raise HttpError(403, "您可以查看但不能重新计算该学校的自评结果。")
    chosen = year_from(str(year) if year else None)
    catalogues = catalogues_of(chosen)
    if not catalogues:
        raise HttpError(404, f"{chosen} 学年尚无指标体系。")
    with transaction.atomic():
        done = [results_compute(actor=request.user, catalogue=c, scope=found) for c in catalogues]
    return {
        "year": chosen,
        "unions": sum(d.unions for d in done),
        "results": sum(d.results for d in done),
    }
