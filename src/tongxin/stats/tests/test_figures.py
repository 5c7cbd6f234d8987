"""The definitions: medians from buckets, on-time and satisfaction rates, edge cases."""

import datetime

import pytest

from tongxin.stats.buckets import EDGES, bucket_of, format_hours, median_hours
from tongxin.stats.figures import Figures, Rate, on_time, satisfaction, zero_counts
from tongxin.stats.periods import Period, period_from, week_due
from tongxin.stats.tests.factories import at


@pytest.mark.parametrize(
    ("hours", "bucket"),
    [(0, 0), (0.99, 0), (1, 1), (2.5, 2), (23.9, 9), (24, 10), (47.99, 12), (48, 13), (719, 23),
     (720, 24), (5000, 24), (-3, 0)],
)  # fmt: skip
def test_bucket_of(hours: float, bucket: int) -> None:
    assert bucket_of(hours) == bucket


def test_median_of_nothing_is_none_and_shows_a_dash() -> None:
    assert median_hours({}) is None and median_hours({3: 0}) is None
    assert format_hours(None) == "—"


def test_median_interpolates_inside_its_bucket() -> None:
    # 1, 1, 2, 4, 48 h → half = 2.5 falls in [2,3) holding one value: 2 + 1 × 0.5
    assert median_hours({1: 2, 2: 1, 4: 1, 13: 1}) == pytest.approx(2.5)
    # four values, half = 2 ends exactly at the top of bucket [0,1)
    assert median_hours({0: 2, 5: 2}) == pytest.approx(1.0)
    # one value in [24,30): the middle of the bucket
    assert median_hours({10: 1}) == pytest.approx(27.0)


def test_median_in_the_open_last_bucket_is_its_lower_edge() -> None:
    assert median_hours({len(EDGES) - 1: 3}) == EDGES[-1]
    assert format_hours(EDGES[-1]) == "≥ 30 天"
    assert format_hours(50) == "2.1 天" and format_hours(2.5) == "2.5 小时"


def test_nothing_rated_gives_no_satisfaction_rate() -> None:
    counts = zero_counts() | {"rated_unrated": 5}
    rate = satisfaction(counts)
    assert (rate.value, rate.text, str(rate)) == (None, "—", "—")


def test_unrated_is_not_a_rating() -> None:
    counts = zero_counts() | {"rated_satisfied": 1, "rated_dissatisfied": 1, "rated_unrated": 8}
    assert satisfaction(counts) == Rate(1, 2)
    assert satisfaction(counts).text == "50.0%"


def test_basically_satisfied_counts_as_satisfied() -> None:
    counts = zero_counts() | {"rated_basically": 3, "rated_dissatisfied": 1}
    assert satisfaction(counts).text == "75.0%"


def test_nothing_due_gives_no_on_time_rate() -> None:
    figures = Figures(zero_counts())
    assert figures.on_time.text == "—"
    assert all(rate.text == "—" for _c, _l, rate in figures.clock_rates())


def test_on_time_is_per_clock_and_over_all_clocks() -> None:
    counts = zero_counts() | {
        "first_reply_due": 4, "first_reply_met": 3, "answer_due": 1, "answer_met": 0,
    }  # fmt: skip
    assert on_time(counts, "first_reply").text == "75.0%"
    assert on_time(counts, "answer").text == "0.0%"
    assert on_time(counts, "decide").text == "—"
    assert on_time(counts) == Rate(3, 5)


def test_period_defaults_to_the_current_month_and_explains_bad_input() -> None:
    now = at(3, 10, 9)
    period, _form = period_from({}, now)
    assert period == Period(datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    assert period.label == "2025 年 3 月"
    period, form = period_from({"start": "2025-03-09", "end": "2025-03-01"}, now)
    assert period.start == datetime.date(2025, 3, 1) and "截止日期不能早于起始日期。" in str(
        form.errors
    )
    period, form = period_from({"month": "2025-13"}, now)
    assert "月份格式应为" in str(form.errors)
    period, _form = period_from({"start": "2025-02-01", "end": "2025-02-10"}, now)
    assert period.label == "2025-02-01 至 2025-02-10" and len(period.days) == 10
    assert period_from({"month": "2024-02"}, now)[0].end == datetime.date(2024, 2, 29)


def test_the_twelve_months_before_a_period() -> None:
    span = Period(datetime.date(2025, 3, 1), datetime.date(2025, 3, 31)).months_back(12)
    assert (span.start, span.end) == (datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))


@pytest.mark.parametrize(
    ("now", "monday"),
    [
        (at(3, 10, 7, 59), datetime.date(2025, 2, 24)),
        (at(3, 10, 8), datetime.date(2025, 3, 3)),
        (at(3, 16, 23, 59), datetime.date(2025, 3, 3)),
        (at(3, 11, 0, 30), datetime.date(2025, 3, 3)),
    ],
)
def test_the_week_due_turns_on_monday_eight_oclock_shanghai(now, monday) -> None:
    assert week_due(now) == monday
