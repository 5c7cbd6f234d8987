"""Reads of the statistics, from the rollups only, scoped to the viewer in SQL (the same
reach as rules.py). A page costs a fixed handful of queries however many issues exist."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    F,
    FloatField,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, NullIf, TruncMonth

from tongxin.accounts.reach import node_scope
from tongxin.orgs.models import Node, NodeKind

from .figures import CategoryRow, Figures, Median, Rate, SchoolStats, SeriesPoint, median_of
from .models import CLOCKS, COUNTER_FIELDS, DailyRollup, DurationBucket, Metric, WeeklyReport
from .periods import Period
from .rules import STATS_ROLES, report_officer_school_ids

SERIES_FIELDS = ("received", "answered", "closed")


def _sums(
    prefix: str = "", flt: Q | None = None, fields: tuple[str, ...] = COUNTER_FIELDS
) -> dict[str, Any]:
    return {f: Coalesce(Sum(f"{prefix}{f}", filter=flt), 0) for f in fields}


# --- schools in reach ------------------------------------------------------------------


def school_list_for(*, actor: Any) -> QuerySet[Node]:
    """Schools whose statistics the actor may open (rule stats.view_school_stats)."""
    return Node.objects.filter(node_scope(actor, roles=STATS_ROLES), kind=NodeKind.SCHOOL)


def school_get_for(*, actor: Any, pk: int) -> Node:
    """One school, or Node.DoesNotExist when missing *or* out of reach (views answer 404)."""
    return school_list_for(actor=actor).select_related("parent").get(pk=pk)


# --- one school --------------------------------------------------------------------------


def _rollups(school_ids: list[int], period: Period) -> QuerySet[DailyRollup]:
    return DailyRollup.objects.filter(
        school_id__in=school_ids, day__range=(period.start, period.end)
    )


def bucket_counts(school_ids: list[int], period: Period) -> dict[str, dict[int, int]]:
    rows = (
        DurationBucket.objects.filter(
            school_id__in=school_ids, day__range=(period.start, period.end)
        )
        .values("metric", "bucket")
        .annotate(n=Sum("count"))
        .order_by()
    )
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    for row in rows:
        counts[row["metric"]][row["bucket"]] = row["n"]
    return counts


def figures_for(school_ids: list[int], period: Period) -> Figures:
    """The totals of some schools over a period, with the medians (two queries)."""
    counts = _rollups(school_ids, period).aggregate(**_sums())
    buckets = bucket_counts(school_ids, period)
    return Figures(
        counts={k: int(v) for k, v in counts.items()},
        first_reply=median_of(buckets.get(Metric.FIRST_REPLY, {})),
        answer=median_of(buckets.get(Metric.ANSWER, {})),
    )


def category_rows(school_ids: list[int], period: Period) -> list[CategoryRow]:
    rows = (
        _rollups(school_ids, period)
        .values("category_id", "category__name")
        .annotate(**_sums())
        .order_by("-received", "category__name")
    )
    result = []
    for row in rows:
        data: dict[str, Any] = dict(row)
        counts = {f: int(data[f]) for f in COUNTER_FIELDS}
        result.append(CategoryRow(name=data["category__name"], figures=Figures(counts)))
    return result


Triple = tuple[int, int, int]


def _series(qs: QuerySet[DailyRollup], key: str) -> dict[Any, Triple]:
    rows = qs.values(key).annotate(**_sums(fields=SERIES_FIELDS)).order_by(key)
    series: dict[Any, Triple] = {}
    for row in rows:
        data: dict[str, Any] = dict(row)
        series[data[key]] = (data["received"], data["answered"], data["closed"])
    return series


def month_series(school_ids: list[int], period: Period) -> list[SeriesPoint]:
    """Received, answered and closed per month over the 12 months ending with the period."""
    span = period.months_back(12)
    months = _series(_rollups(school_ids, span).annotate(month=TruncMonth("day")), "month")
    by_label = {month.strftime("%Y-%m"): counts for month, counts in months.items()}
    labels = [day.strftime("%Y-%m") for day in span.days if day.day == 1]
    return [SeriesPoint(label, *by_label.get(label, (0, 0, 0))) for label in labels]


def day_series(school_ids: list[int], period: Period) -> list[SeriesPoint]:
    days = _series(_rollups(school_ids, period), "day")
    return [SeriesPoint(day.strftime("%m-%d"), *days.get(day, (0, 0, 0))) for day in period.days]


def school_stats(school: Node, period: Period) -> SchoolStats:
    """Everything the school page shows (five queries on the rollups)."""
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

SORTS: dict[str, list[Any]] = {
    "code": ["code"],
    "-on_time": [F("on_time_rate").desc(nulls_last=True), "code"],
    "on_time": [F("on_time_rate").asc(nulls_last=True), "code"],
    "-satisfaction": [F("satisfaction_rate").desc(nulls_last=True), "code"],
    "satisfaction": [F("satisfaction_rate").asc(nulls_last=True), "code"],
}
OVERVIEW_FIELDS = ("received", "answered", "closed", "rated_unrated")


def _total(fields: tuple[str, ...], flt: Q) -> Any:
    expr: Any = F(f"stats_rollups__{fields[0]}")
    for name in fields[1:]:
        expr = expr + F(f"stats_rollups__{name}")
    return Coalesce(Sum(expr, filter=flt), 0)


def _rate(numerator: Any, denominator: Any) -> Any:
    return Cast(numerator, FloatField()) / NullIf(Cast(denominator, FloatField()), Value(0.0))


def overview_for(*, actor: Any, period: Period, sort: str = "code") -> QuerySet[Node]:
    """Every school in the actor's reach, one row each with its figures over the period,
    sortable by on-time or satisfaction rate (schools without rollups show no rate)."""
    in_period = Q(stats_rollups__day__range=(period.start, period.end))

    def total(*fields: str) -> Any:
        return _total(fields, in_period)

    return (
        school_list_for(actor=actor)
        .select_related("parent")
        .annotate(
            **_sums("stats_rollups__", in_period, fields=OVERVIEW_FIELDS),
            clocks_met=total(*(f"{c}_met" for c in CLOCKS)),
            clocks_due=total(*(f"{c}_due" for c in CLOCKS)),
            rated_good=total("rated_satisfied", "rated_basically"),
            rated=total("rated_satisfied", "rated_basically", "rated_dissatisfied"),
        )
        .annotate(
            on_time_rate=_rate(F("clocks_met"), F("clocks_due")),
            satisfaction_rate=_rate(F("rated_good"), F("rated")),
        )
        .order_by(*SORTS.get(sort, SORTS["code"]))
    )


def medians_by_school(school_ids: list[int], period: Period) -> dict[int, dict[str, Median]]:
    rows = (
        DurationBucket.objects.filter(
            school_id__in=school_ids, day__range=(period.start, period.end)
        )
        .values("school_id", "metric", "bucket")
        .annotate(n=Sum("count"))
        .order_by()
    )
    counts: dict[int, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in rows:
        counts[row["school_id"]][row["metric"]][row["bucket"]] = row["n"]
    return {
        school: {metric: median_of(buckets) for metric, buckets in metrics.items()}
        for school, metrics in counts.items()
    }


@dataclass(frozen=True)
class OverviewRow:
    school: Node
    on_time: Rate
    satisfaction: Rate
    first_reply: Median
    answer: Median


def overview_rows(schools: list[Node], period: Period) -> list[OverviewRow]:
    """Rows of the overview for schools annotated by overview_for (one query for medians)."""
    medians = medians_by_school([s.pk for s in schools], period)
    rows = []
    for school in schools:
        median: dict[str, Median] = medians.get(school.pk, {})
        rows.append(
            OverviewRow(
                school=school,
                on_time=Rate(school.clocks_met, school.clocks_due),  # type: ignore[attr-defined]
                satisfaction=Rate(school.rated_good, school.rated),  # type: ignore[attr-defined]
                first_reply=median.get(Metric.FIRST_REPLY, Median(None)),
                answer=median.get(Metric.ANSWER, Median(None)),
            )
        )
    return rows


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
