"""The heat map (热力图): schools × indicators of one year's catalogue of one level, read in
a bounded number of queries whatever the number of schools — the catalogues, their
indicators, the schools, the filter's cities and counties, and ONE grouped query over
Result for this year and last (a test pins the count for 1 and 3 schools).

A cell is the share of the school's unions of the level that pass the indicator (passed
True ÷ unions with a verdict); a school passes an indicator when every one of its unions
of the level does. Per indicator: the passing schools and the change against last year's
catalogue of the same level (matched by indicator number; None — shown "—" — when last
year has no such indicator or no verdicts for these schools).

Scope: the node of the reader's federation grant (province, city or county); a ?city= or
?county= outside it is Node.DoesNotExist (404), as missing.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tongxin.accounts.models import Role
from tongxin.accounts.reach import node_scope
from tongxin.accounts.roles import FEDERATION_ROLES, first_grant
from tongxin.core.memo import remember
from tongxin.orgs.models import Node, NodeKind, SchoolType
from tongxin.orgs.selectors import nodes_by_id, with_city_name
from tongxin.staff.calendar import academic_year_of

from .models import Catalogue, Indicator, Level, Result

# A remembered heat map is replaced when its catalogues' stamps move; this bounds only how
# long a renamed school keeps its old name on the page.
HEATMAP_SECONDS = 600

LEVEL_LABELS: dict[str, str] = {Level.SCHOOL: "表一", Level.COLLEGE: "表二"}


@dataclass(frozen=True)
class Filters:  # 筛选条件
    year: int
    level: str
    city: Node | None = None
    county: Node | None = None
    school_type: str = ""

    def key(self) -> tuple[Any, ...]:
        """The filters as a memo key (nodes by id)."""
        return (
            self.year,
            self.level,
            self.city.pk if self.city else None,
            self.county.pk if self.county else None,
            self.school_type,
        )

    def query(self) -> dict[str, str]:
        """The filters as URL parameters (links, the export)."""
        q = {"year": str(self.year), "level": self.level}
        if self.city is not None:
            q["city"] = str(self.city.pk)
        if self.county is not None:
            q["county"] = str(self.county.pk)
        if self.school_type:
            q["type"] = self.school_type
        return q


@dataclass(frozen=True)
class Cell:  # 一所学校、一项指标
    unions: int = 0  # the school's unions of the level with a result
    judged: int = 0  # … with a verdict (passed not None)
    passed: int = 0

    @property
    def share(self) -> float | None:
        return self.passed / self.judged if self.judged else None

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else round(share * 100)

    @property
    def passes(self) -> bool:
        return self.unions > 0 and self.passed == self.unions


@dataclass
class Column:  # 一项指标
    indicator: Indicator
    passing: int = 0  # schools passing it
    previous: int | None = None  # last year's, matched by number; None: none to compare

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.passing - self.previous

    @property
    def change_label(self) -> str:
        change = self.change
        if change is None:
            return "—"
        return f"+{change}" if change > 0 else ("0" if change == 0 else f"−{-change}")


@dataclass
class SchoolRow:
    school: Node
    city: str
    county: str
    cells: list[Cell]


@dataclass
class Heatmap:
    scope: Node
    filters: Filters
    catalogue: Catalogue | None
    previous: Catalogue | None
    columns: list[Column] = field(default_factory=list)
    rows: list[SchoolRow] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    cities: list[Node] = field(default_factory=list)
    counties: list[Node] = field(default_factory=list)
    # Drawn once per heat map (a remembered one serves many pages): the table's rows
    # (templatetags/heatmap_rows.py) and the chart's data.
    rows_html: str | None = field(default=None, repr=False)
    chart: dict[str, Any] | None = field(default=None, repr=False)

    def chart_data(self) -> dict[str, Any]:
        if self.chart is None:
            self.chart = self._chart_data()
        return self.chart

    def _chart_data(self) -> dict[str, Any]:
        """What heatmap.js draws: x the indicators, y the schools, [x, y, percent] cells."""
        return {
            "x": [f"{c.indicator.number}. {c.indicator.short}" for c in self.columns],
            "y": [r.school.name for r in self.rows],
            "cells": [
                [x, y, "-" if cell.percent is None else cell.percent]
                for y, row in enumerate(self.rows)
                for x, cell in enumerate(row.cells)
            ],
        }


# --- scope and filters ------------------------------------------------------------------


def heatmap_scope_for(*, actor: Any) -> Node:
    """The node of the reader's federation grant (Node.DoesNotExist when none)."""
    grant = first_grant(actor, *FEDERATION_ROLES)
    if grant is None:
        raise Node.DoesNotExist
    return nodes_by_id([grant.node_id])[grant.node_id]


def _int(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def _place(raw: str | None, kind: str, within: Node) -> Node | None:
    """The city or county `raw` names inside `within`; DoesNotExist when outside or missing."""
    if not (raw or "").strip():
        return None
    pk = _int(raw)
    node = nodes_by_id([pk]).get(pk) if pk else None
    if node is None or node.kind != kind or not node.is_within(within):
        raise Node.DoesNotExist
    return node


def filters_from(
    params: Mapping[str, Any], scope: Node, today: datetime.date | None = None
) -> Filters:
    """The filters asked for (`year`, `level`, `city`, `county`, `type`): a bad year or
    level falls back to the default (this academic year, 表一); a city or county outside
    `scope` raises Node.DoesNotExist (404)."""
    year = _int(params.get("year")) or academic_year_of(today or timezone.localdate())
    level = params.get("level") if params.get("level") in Level.values else Level.SCHOOL
    city = _place(params.get("city"), NodeKind.CITY, scope)
    county = _place(params.get("county"), NodeKind.COUNTY, city or scope)
    school_type = params.get("type") if params.get("type") in SchoolType.values else ""
    return Filters(year, str(level), city, county, str(school_type or ""))


# --- the heat map -------------------------------------------------------------------------


def _schools(scope: Node, filters: Filters) -> QuerySet[Node]:
    base = filters.county or filters.city or scope
    schools = Node.objects.filter(kind=NodeKind.SCHOOL, path__startswith=base.path)
    if filters.school_type:
        schools = schools.filter(school_type=filters.school_type)
    return schools


def _counts(catalogue_ids: list[int], schools: QuerySet[Node]) -> dict[tuple[int, int], Cell]:
    """(school, indicator) → its cell, for these catalogues: the one grouped query."""
    rows = (
        Result.objects.filter(catalogue_id__in=catalogue_ids, school_id__in=schools.values("pk"))
        .values("school_id", "indicator_id")
        .annotate(
            unions=Count("pk"),
            judged=Count("pk", filter=Q(passed__isnull=False)),
            passed=Count("pk", filter=Q(passed=True)),
        )
        .order_by()
    )
    return {
        (r["school_id"], r["indicator_id"]): Cell(r["unions"], r["judged"], r["passed"])
        for r in rows
    }


def _places(scope: Node) -> tuple[list[Node], list[Node]]:
    nodes = Node.objects.filter(
        kind__in=[NodeKind.CITY, NodeKind.COUNTY], path__startswith=scope.path
    ).order_by("path")
    found = list(nodes)
    return [n for n in found if n.kind == NodeKind.CITY], [
        n for n in found if n.kind == NodeKind.COUNTY
    ]


def heatmap_build(*, scope: Node, filters: Filters) -> Heatmap:
    """The heat map of `filters` within `scope` (five queries, whatever the schools; one
    when remembered). Figures change only when a verdict of the year's or last year's
    catalogue does (Catalogue.results_stamp) or a catalogue is edited (version): a heat map
    keyed by both is exact, not stale; only a school's or a city's new name waits for the
    entry's age (HEATMAP_SECONDS)."""
    catalogues = list(Catalogue.objects.filter(level=filters.level).select_related("scoring"))
    stamps = tuple(
        (c.pk, c.version, c.results_stamp)
        for c in catalogues
        if c.academic_year in (filters.year, filters.year - 1)
    )
    key = (
        "reform-heatmap",
        scope.pk,
        filters.key(),
        tuple(c.academic_year for c in catalogues),
        stamps,
    )
    return remember(key, HEATMAP_SECONDS, lambda: _build(scope, filters, catalogues))


def _build(scope: Node, filters: Filters, catalogues: list[Catalogue]) -> Heatmap:
    by_year = {c.academic_year: c for c in catalogues}
    years = sorted({*by_year, filters.year}, reverse=True)
    current, previous = by_year.get(filters.year), by_year.get(filters.year - 1)
    cities, counties = _places(scope)
    heatmap = Heatmap(scope, filters, current, previous, years=years, cities=cities)
    heatmap.counties = [c for c in counties if filters.city is None or c.is_within(filters.city)]
    if current is None:
        return heatmap
    ids = [c.pk for c in (current, previous) if c is not None]
    indicators = list(Indicator.objects.filter(catalogue_id__in=ids).order_by("number"))
    now = [i for i in indicators if i.catalogue_id == current.pk]
    before = {i.number: i for i in indicators if i.catalogue_id != current.pk}
    schools_qs = _schools(scope, filters)
    schools = list(with_city_name(schools_qs).select_related("parent").order_by("code"))
    counts = _counts(ids, schools_qs)
    heatmap.columns = [Column(i) for i in now]
    for school in schools:
        cells = [counts.get((school.pk, i.pk), Cell()) for i in now]
        county = school.parent.name if school.parent and school.parent.kind == "county" else ""
        city = getattr(school, "city_name", "") or ""
        heatmap.rows.append(SchoolRow(school, city, county, cells))
    for index, column in enumerate(heatmap.columns):
        column.passing = sum(1 for row in heatmap.rows if row.cells[index].passes)
        old = before.get(column.indicator.number)
        if old is not None:
            olds = [counts.get((s.pk, old.pk)) for s in schools]
            if any(c is not None and c.unions for c in olds):
                column.previous = sum(1 for c in olds if c is not None and c.passes)
    return heatmap


# --- a school's facts (the school page) -----------------------------------------------------

SCHOOL_ROLES = (Role.ADVISOR, *FEDERATION_ROLES)


def school_list_for(*, actor: Any) -> QuerySet[Node]:
    """The schools whose results the actor reads (same rule as reform.view_school_results,
    in SQL): the advisor's school, the schools below a federation node."""
    return Node.objects.filter(node_scope(actor, roles=SCHOOL_ROLES), kind=NodeKind.SCHOOL)


def school_get_for(*, actor: Any, pk: int) -> Node:
    """One school, or Node.DoesNotExist when missing *or* out of reach (404)."""
    return with_city_name(school_list_for(actor=actor)).get(pk=pk)
