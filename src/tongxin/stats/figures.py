"""The definitions of the rights desk's figures, in one place.

- on-time rate = deadlines met ÷ deadlines that fell due in the period, per clock (and
  over all clocks); a clock stopped by its due instant is met, one still open or stopped
  later is missed, and it counts on the local day of its due instant;
- satisfaction rate = (满意 + 基本满意) ÷ rated, rated = 满意 + 基本满意 + 不满意 (未评价
  is not a rating); every rating counts when it is given: the 不满意 that reopens an issue
  (不满意重办) counts as 不满意, and the issue's next rating counts again;
- medians of time to first reply (submitted → accepted / not handled) and to answer
  (start of the answer clock → answered), read from histogram buckets.
Nothing to divide by gives no rate, shown as "—".
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from .buckets import format_hours, median_hours
from .models import CLOCKS, COUNTER_FIELDS

CLOCK_LABELS = {
    "first_reply": "首次回复",
    "decide": "受理决定",
    "answer": "答复",
    "feedback": "反馈",
}
TRANSITION_LABELS = {
    "received": "收到",
    "accepted": "受理",
    "declined": "不予受理",
    "merged": "合并",
    "withdrawn": "撤回",
    "referred": "转办",
    "answered": "答复",
    "reopened": "不满意重办",
    "closed": "办结",
}
RATING_LABELS = {
    "rated_satisfied": "满意",
    "rated_basically": "基本满意",
    "rated_dissatisfied": "不满意",
    "rated_unrated": "未评价",
}


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return None if self.denominator == 0 else self.numerator / self.denominator

    @property
    def text(self) -> str:
        value = self.value
        return "—" if value is None else f"{value * 100:.1f}%"

    def __str__(self) -> str:
        return self.text


def zero_counts() -> dict[str, int]:
    return dict.fromkeys(COUNTER_FIELDS, 0)


def on_time(counts: Mapping[str, int], clock: str | None = None) -> Rate:
    clocks = [clock] if clock else list(CLOCKS)
    met = sum(counts.get(f"{c}_met", 0) for c in clocks)
    due = sum(counts.get(f"{c}_due", 0) for c in clocks)
    return Rate(met, due)


def satisfaction(counts: Mapping[str, int]) -> Rate:
    good = counts.get("rated_satisfied", 0) + counts.get("rated_basically", 0)
    rated = good + counts.get("rated_dissatisfied", 0)
    return Rate(good, rated)


@dataclass(frozen=True)
class Median:
    hours: float | None

    @property
    def text(self) -> str:
        return format_hours(self.hours)

    def __str__(self) -> str:
        return self.text


def median_of(buckets: Mapping[int, int]) -> Median:
    return Median(median_hours(buckets))


@dataclass(frozen=True)
class Figures:
    """The counters of a school (or a category, or a month) over a period, with its rates."""

    counts: dict[str, int]
    first_reply: Median = Median(None)
    answer: Median = Median(None)

    @property
    def on_time(self) -> Rate:
        return on_time(self.counts)

    @property
    def satisfaction(self) -> Rate:
        return satisfaction(self.counts)

    @property
    def rated(self) -> int:
        return self.satisfaction.denominator

    def clock_rates(self) -> list[tuple[str, str, Rate]]:
        return [(c, CLOCK_LABELS[c], on_time(self.counts, c)) for c in CLOCKS]

    def transitions(self) -> list[tuple[str, str, int]]:
        return [(f, label, self.counts.get(f, 0)) for f, label in TRANSITION_LABELS.items()]

    def ratings(self) -> list[tuple[str, str, int]]:
        return [(f, label, self.counts.get(f, 0)) for f, label in RATING_LABELS.items()]


@dataclass(frozen=True)
class CategoryRow:
    name: str
    figures: Figures


@dataclass(frozen=True)
class SeriesPoint:
    label: str
    received: int
    answered: int
    closed: int


@dataclass
class SchoolStats:
    school_name: str
    start: datetime.date
    end: datetime.date
    figures: Figures
    categories: list[CategoryRow] = field(default_factory=list)
    months: list[SeriesPoint] = field(default_factory=list)
    days: list[SeriesPoint] = field(default_factory=list)

    def chart_data(self) -> dict[str, object]:
        """What the ECharts charts draw (handed to the page through json_script)."""
        return {
            "days": [[p.label, p.received, p.answered, p.closed] for p in self.days],
            "months": [[p.label, p.received, p.answered, p.closed] for p in self.months],
            "categories": [[c.name, c.figures.counts["received"]] for c in self.categories],
            "ratings": [[label, n] for _f, label, n in self.figures.ratings()],
            "clocks": [
                [label, None if r.value is None else round(r.value * 100, 1)]
                for _c, label, r in self.figures.clock_rates()
            ],
        }
