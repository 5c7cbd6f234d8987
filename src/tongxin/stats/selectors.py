"""Reads of the statistics, from the rollups only, scoped to the viewer in SQL (the same
reach as rules.py). A page costs a fixed handful of queries however many issues exist."""

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from tongxin.accounts.reach import node_scope, remember_per_grants
from tongxin.core.pagination import PAGE_SIZE, Page
from tongxin.orgs.models import Node, NodeKind
from tongxin.orgs.selectors import with_city_name
from tongxin.rights.models import IssueCategory

from .figures import (
    CategoryRow,
    Figures,
    Median,
    Rate,
    SchoolStats,
    SeriesPoint,
    median_of,
    on_time,
    satisfaction,
    zero_counts,
)
from .memo import remembered, rollups_version
from .models import (
    COUNTER_FIELDS,
    DailyRollup,
    DurationBucket,
    Metric,
    MonthlyDurationBucket,
    MonthlyRollup,
    WeeklyReport,
)
from .periods import Period, local_today, split_by_month
from .rules import STATS_ROLES, report_officer_school_ids

SERIES_FIELDS = ("received", "answered", "closed")


def _sums(fields: tuple[str, ...] = COUNTER_FIELDS) -> dict[str, Any]:
    return {f: Coalesce(Sum(f), 0) for f in fields}


# --- schools in reach ------------------------------------------------------------------


def school_list_for(*, actor: Any) -> QuerySet[Node]:
    """Schools whose statistics the actor may open (rule stats.view_school_stats)."""
    return Node.objects.filter(node_scope(actor, roles=STATS_ROLES), kind=NodeKind.SCHOOL)


def school_get_for(*, actor: Any, pk: int) -> Node:
    """One school, or Node.DoesNotExist when missing *or* out of reach (views answer 404)."""
    return school_list_for(actor=actor).select_related("parent").get(pk=pk)


# --- rollup rows of a period --------------------------------------------------------------
# A period's whole months come from the monthly rows and only its partial months from the
# daily rows: a year across all schools reads a few thousand rows, not half a million,
# and the same month reads the same rows at 100,000 issues or at 2,000,000.


def _parts(
    school_ids: list[int], period: Period, daily: Any = DailyRollup, monthly: Any = MonthlyRollup
) -> list[QuerySet[Any]]:
    """The rows covering the period: monthly rows for its whole months, daily rows for the
    rest (one or two querysets with the same counters)."""
    split = split_by_month(period)
    parts = []
    if split.months is not None:
        parts.append(monthly.objects.filter(school_id__in=school_ids, month__range=split.months))
    if split.days:
        days = Q()
        for part in split.days:
            days |= Q(day__range=(part.start, part.end))
        parts.append(daily.objects.filter(days, school_id__in=school_ids))
    return parts


def _bucket_parts(school_ids: list[int], period: Period) -> list[QuerySet[Any]]:
    return _parts(school_ids, period, DurationBucket, MonthlyDurationBucket)


def _grouped(parts: list[QuerySet[Any]], keys: tuple[str, ...], sums: dict[str, Any]) -> Any:
    """Sums per key over all parts: {key values: Counter of sums}, in the order first met."""
    totals: dict[tuple[Any, ...], Counter[str]] = defaultdict(Counter)
    for part in parts:
        for row in part.values(*keys).annotate(**sums).order_by():
            data: dict[str, Any] = dict(row)
            totals[tuple(data.pop(k) for k in keys)].update(data)
    return totals


# --- one school --------------------------------------------------------------------------


def bucket_counts(school_ids: list[int], period: Period) -> dict[str, dict[int, int]]:
    rows = _grouped(_bucket_parts(school_ids, period), ("metric", "bucket"), {"n": Sum("count")})
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    for (metric, bucket), sums in rows.items():
        counts[metric][bucket] = sums["n"]
    return counts


def figures_for(school_ids: list[int], period: Period) -> Figures:
    """The totals of some schools over a period, with the medians (two to four queries)."""
    counts = zero_counts()
    for part in _parts(school_ids, period):
        for name, n in part.aggregate(**_sums()).items():
            counts[name] += int(n)
    buckets = bucket_counts(school_ids, period)
    return Figures(
        counts=counts,
        first_reply=median_of(buckets.get(Metric.FIRST_REPLY, {})),
        answer=median_of(buckets.get(Metric.ANSWER, {})),
    )


def category_rows(school_ids: list[int], period: Period) -> list[CategoryRow]:
    """Per category, most received first, then by name (as the database orders names)."""
    parts = _parts(school_ids, period)
    if len(parts) == 1:
        rows = parts[0].values("category__name").annotate(**_sums())
        ordered = rows.order_by("-received", "category__name")
        return [_category_row(row["category__name"], row) for row in ordered]
    totals = _grouped(parts, ("category_id",), _sums())
    names = IssueCategory.objects.filter(pk__in=[k[0] for k in totals]).order_by("name")
    by_name = [(name, totals[(pk,)]) for pk, name in names.values_list("pk", "name")]
    by_name.sort(key=lambda item: -item[1]["received"])  # stable: ties keep the name order
    return [_category_row(name, counts) for name, counts in by_name]


def _category_row(name: str, sums: Any) -> CategoryRow:
    return CategoryRow(name=name, figures=Figures({f: int(sums[f]) for f in COUNTER_FIELDS}))


Triple = tuple[int, int, int]


def _series(qs: QuerySet[Any], key: str) -> dict[Any, Triple]:
    rows = qs.values(key).annotate(**_sums(fields=SERIES_FIELDS)).order_by(key)
    series: dict[Any, Triple] = {}
    for row in rows:
        data: dict[str, Any] = dict(row)
        series[data[key]] = (data["received"], data["answered"], data["closed"])
    return series


def month_series(school_ids: list[int], period: Period) -> list[SeriesPoint]:
    """Received, answered and closed per month over the 12 months ending with the period
    (whole months: the monthly rows alone)."""
    span = period.months_back(12)
    rows = MonthlyRollup.objects.filter(
        school_id__in=school_ids, month__range=(span.start, span.end.replace(day=1))
    )
    by_label = {month.strftime("%Y-%m"): counts for month, counts in _series(rows, "month").items()}
    labels = [day.strftime("%Y-%m") for day in span.days if day.day == 1]
    return [SeriesPoint(label, *by_label.get(label, (0, 0, 0))) for label in labels]


def day_series(school_ids: list[int], period: Period) -> list[SeriesPoint]:
    """Per day from the period's start to today (or its end, if earlier): the days still
    to come are not zeros."""
    last = min(period.end, local_today())
    rows = DailyRollup.objects.filter(school_id__in=school_ids, day__range=(period.start, last))
    days = _series(rows, "day")
    return [
        SeriesPoint(day.strftime("%m-%d"), *days.get(day, (0, 0, 0)))
        for day in period.days
        if day <= last
    ]


def school_stats(school: Node, period: Period) -> SchoolStats:
    """Everything the school page shows (five to eight queries on the rollups)."""
    ids = [school.pk]
    return SchoolStats(
        school_name=school.name,
        start=period.start,
        end=period.end,
        figures=figures_for(ids, period),
        categories=category_rows(ids, period),
        months=month_series(ids, period),
        days=day_series(ids, period),
    )


# --- across schools ----------------------------------------------------------------------


NO_MEDIAN = Median(None)


@dataclass(frozen=True)
class OverviewRow:
    school: Node
    counts: dict[str, int]
    first_reply: Median = NO_MEDIAN  # read for one page at a time (overview_rows)
    answer: Median = NO_MEDIAN

    @property
    def received(self) -> int:
        return self.counts["received"]

    @property
    def answered(self) -> int:
        return self.counts["answered"]

    @property
    def on_time(self) -> Rate:
        return on_time(self.counts)

    @property
    def satisfaction(self) -> Rate:
        return satisfaction(self.counts)


def _by_rate(rate: str, descending: bool) -> Callable[[OverviewRow], tuple[bool, float]]:
    """Sort key: schools without a rate last whichever the direction."""

    def key(row: OverviewRow) -> tuple[bool, float]:
        value: float | None = getattr(row, rate).value
        if value is None:
            return True, 0.0
        return False, -value if descending else value

    return key


SORTS: dict[str, Callable[[OverviewRow], Any] | None] = {
    "code": None,  # the schools' own order
    "-on_time": _by_rate("on_time", descending=True),
    "on_time": _by_rate("on_time", descending=False),
    "-satisfaction": _by_rate("satisfaction", descending=True),
    "satisfaction": _by_rate("satisfaction", descending=False),
}


def overview_for(
    *, actor: Any, period: Period, sort: str = "code", version: Hashable = None
) -> list[OverviewRow]:
    """Every school in the actor's reach, one row each with its figures over the period,
    sortable by on-time or satisfaction rate (schools without rollups show no rate; ties
    by school code). Three or four queries, whatever the number of issues: the schools,
    then the sums per school of the monthly and of the daily rows — none of either while
    remembered. `version`: the rollups' (stats/memo.py), when the caller read it already."""
    in_reach = with_city_name(school_list_for(actor=actor))
    # The schools in reach: a minute per set of grants (a school added shows within it).
    schools = remember_per_grants(
        ("overview-schools",),
        actor,
        60,
        lambda: list(in_reach.select_related("parent").order_by("code")),
    )
    ids = tuple(s.pk for s in schools)
    totals = remembered(
        ("overview", ids, period.start, period.end),
        version or rollups_version(),
        lambda: _grouped(_parts(list(ids), period), ("school_id",), _sums()),
    )
    rows = [
        OverviewRow(school, zero_counts() | {k: int(v) for k, v in totals[(school.pk,)].items()})
        for school in schools
    ]
    key = SORTS.get(sort)
    if key is not None:
        rows.sort(key=key)  # stable: ties keep the code order
    return rows


def medians_by_school(
    school_ids: list[int], period: Period, version: Hashable = None
) -> dict[int, dict[str, Median]]:
    rows = remembered(
        ("medians", tuple(school_ids), period.start, period.end),
        version or rollups_version(),
        lambda: _grouped(
            _bucket_parts(school_ids, period),
            ("school_id", "metric", "bucket"),
            {"n": Sum("count")},
        ),
    )
    counts: dict[int, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for (school, metric, bucket), sums in rows.items():
        counts[school][metric][bucket] = sums["n"]
    return {
        school: {metric: median_of(buckets) for metric, buckets in metrics.items()}
        for school, metrics in counts.items()
    }


def overview_rows(
    rows: list[OverviewRow], period: Period, version: Hashable = None
) -> list[OverviewRow]:
    """The rows with their medians (one or two queries: call it for one page)."""
    medians = medians_by_school([r.school.pk for r in rows], period, version)
    result = []
    for row in rows:
        median: dict[str, Median] = medians.get(row.school.pk, {})
        result.append(
            replace(
                row,
                first_reply=median.get(Metric.FIRST_REPLY, NO_MEDIAN),
                answer=median.get(Metric.ANSWER, NO_MEDIAN),
            )
        )
    return result


def overview_page(*, actor: Any, period: Period, sort: str, number: int) -> Page[OverviewRow]:
    """One page of the overview: every school in reach is summed and sorted (a province
    has a few hundred at most), the medians are read for the page's schools only."""
    version = rollups_version()  # asked once for the sums and the medians
    rows = overview_for(actor=actor, period=period, sort=sort, version=version)
    offset = (number - 1) * PAGE_SIZE
    items = overview_rows(rows[offset : offset + PAGE_SIZE], period, version)
    return Page(items=items, number=number, has_next=len(rows) > offset + PAGE_SIZE)


# --- weekly reports ----------------------------------------------------------------------


def report_scope(actor: Any) -> Q:
    scope = node_scope(actor, field="school__", roles=STATS_ROLES)
    schools = report_officer_school_ids(actor)
    return scope | Q(school_id__in=schools) if schools else scope


def report_list_for(*, actor: Any) -> QuerySet[WeeklyReport]:
    return (
        WeeklyReport.objects.filter(report_scope(actor))
        .select_related("school")
        .order_by("-week_start", "school__code")
    )


def report_get_for(*, actor: Any, pk: int) -> WeeklyReport:
    """One report, or WeeklyReport.DoesNotExist when missing or out of reach (404)."""
    return report_list_for(actor=actor).select_related("school__parent").get(pk=pk)


def reports_of_school(school: Node, limit: int = 8) -> list[WeeklyReport]:
    return list(WeeklyReport.objects.filter(school=school).order_by("-week_start")[:limit])


def schools_without_report(week_start: Any, limit: int) -> list[Node]:
    built = WeeklyReport.objects.filter(week_start=week_start).values("school_id")
    return list(
        Node.objects.filter(kind=NodeKind.SCHOOL).exclude(pk__in=built).order_by("pk")[:limit]
    )
