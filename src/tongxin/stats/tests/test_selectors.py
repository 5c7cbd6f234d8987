"""Whole months are read from the monthly rows and partial months from the daily rows: the
figures must be those summed from the daily rows alone, whatever the period's edges."""

import datetime
from typing import Any

import pytest
from django.db.models import Sum

from tongxin.stats.figures import median_of
from tongxin.stats.fold import fold_rights_activity
from tongxin.stats.models import COUNTER_FIELDS, DailyRollup, DurationBucket
from tongxin.stats.periods import MonthSplit, Period, split_by_month
from tongxin.stats.selectors import (
    bucket_counts,
    category_rows,
    figures_for,
    overview_for,
    overview_rows,
)

from .conftest import Week
from .factories import Story, at

pytestmark = pytest.mark.django_db
D = datetime.date

PERIODS = [
    Period(D(2025, 2, 20), D(2025, 4, 15)),  # partial February, all of March, partial April
    Period(D(2025, 3, 1), D(2025, 3, 31)),  # one whole month
    Period(D(2025, 2, 1), D(2025, 4, 30)),  # whole months only
    Period(D(2025, 3, 4), D(2025, 4, 3)),  # two partial months, no whole one
    Period(D(2025, 3, 5), D(2025, 3, 5)),  # one day
]


@pytest.fixture
def months(week: Week) -> Week:
    p, clock = week.p, week.clock
    Story(p, clock).submit(at(3, 28, 9)).accept(at(3, 31, 10)).start(at(4, 1, 9)).answer(
        at(4, 2, 10)
    )
    Story(p, clock).submit(at(4, 3, 9), cat="宿舍与水电").decline(at(4, 3, 10))
    Story(p, clock, student="student_b", officer="officer_b").submit(at(4, 10, 9)).accept(
        at(4, 14, 9)
    )
    fold_rights_activity(now=at(5, 1, 9), batch=4, max_batches=1000)
    return week


def daily_counts(school_ids: list[int], period: Period) -> dict[str, int]:
    rows = DailyRollup.objects.filter(
        school_id__in=school_ids, day__range=(period.start, period.end)
    )
    sums = rows.aggregate(**{f: Sum(f) for f in COUNTER_FIELDS})
    return {f: int(sums[f] or 0) for f in COUNTER_FIELDS}


def daily_buckets(school_ids: list[int], period: Period) -> dict[str, dict[int, int]]:
    rows = DurationBucket.objects.filter(
        school_id__in=school_ids, day__range=(period.start, period.end)
    )
    result: dict[str, dict[int, int]] = {}
    for row in rows.values("metric", "bucket").annotate(n=Sum("count")):
        result.setdefault(row["metric"], {})[row["bucket"]] = row["n"]
    return result


def daily_categories(school_ids: list[int], period: Period) -> list[tuple[str, dict[str, int]]]:
    rows = (
        DailyRollup.objects.filter(school_id__in=school_ids, day__range=(period.start, period.end))
        .values("category__name")
        .annotate(**{f: Sum(f) for f in COUNTER_FIELDS})
        .order_by("-received", "category__name")
    )
    return [(r["category__name"], {f: r[f] for f in COUNTER_FIELDS}) for r in rows]


def test_split_by_month_reads_whole_months_from_the_monthly_rows() -> None:
    assert split_by_month(PERIODS[0]) == MonthSplit(
        (D(2025, 3, 1), D(2025, 3, 1)),
        (Period(D(2025, 2, 20), D(2025, 2, 28)), Period(D(2025, 4, 1), D(2025, 4, 15))),
    )
    assert split_by_month(PERIODS[1]) == MonthSplit((D(2025, 3, 1), D(2025, 3, 1)), ())
    assert split_by_month(PERIODS[2]) == MonthSplit((D(2025, 2, 1), D(2025, 4, 1)), ())
    assert split_by_month(PERIODS[3]) == MonthSplit(None, (PERIODS[3],))
    leap = Period(D(2024, 2, 1), D(2024, 2, 29))
    assert split_by_month(leap) == MonthSplit((D(2024, 2, 1), D(2024, 2, 1)), ())


def test_the_overview_equals_the_daily_rows_summed(months: Week) -> None:
    p = months.p
    for period in PERIODS:
        rows = overview_for(actor=p.people["province_admin"], period=period)
        rows = overview_rows(rows, period)
        assert {r.school.pk for r in rows} >= {p.school_a.pk, p.school_b.pk}
        assert sum(r.received for r in rows) > 0, period
        for row in rows:
            ids = [row.school.pk]
            assert row.counts == daily_counts(ids, period), (period, row.school.code)
            buckets = daily_buckets(ids, period)
            assert (row.first_reply, row.answer) == (
                median_of(buckets.get("first_reply", {})),
                median_of(buckets.get("answer", {})),
            ), (period, row.school.code)


def test_a_school_s_figures_equal_the_daily_rows_summed(months: Week) -> None:
    ids = [months.p.school_a.pk]
    for period in PERIODS:
        assert figures_for(ids, period).counts == daily_counts(ids, period), period
        assert bucket_counts(ids, period) == daily_buckets(ids, period), period
        categories = [(c.name, c.figures.counts) for c in category_rows(ids, period)]
        assert categories == daily_categories(ids, period), period


def test_ties_in_the_overview_keep_the_code_order(months: Week) -> None:
    period: Any = PERIODS[0]
    rows = overview_for(actor=months.p.people["province_admin"], period=period, sort="on_time")
    rated = [r for r in rows if r.on_time.value is not None]
    unrated = [r for r in rows if r.on_time.value is None]
    assert rows == rated + unrated
    values = [r.on_time.value for r in rated]
    assert values == sorted(values)  # type: ignore[type-var]
    codes = [r.school.code for r in unrated]
    assert codes == sorted(codes)
