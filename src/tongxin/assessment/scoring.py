"""The score of one rated officer, computed exactly (fractions) and rounded once at the end.

    one rating ──dimension weights──► rating score
    rating scores of a group ──mean──► group average
    group averages ──group weights, re-normalised over the groups that rated──► score
    score (rounded to 0.01, half up) ──thresholds──► level

A group with no ratings (or weight 0) drops out and the remaining weights are scaled up
so that they again sum to one: with teachers 40 %, delegates 40 % and no fellow officers'
ratings, teachers and delegates count 50 % each. With no usable rating at all there is
no score and no level. The level is read from the rounded score, so the figure shown and
the level shown never disagree (89.996 shows as 90.00 and is 优秀).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from .models import AssessmentPolicy, Dimension, Level, RaterGroup

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Policy:
    """Weights (relative, usually percent) and the lowest score of each level."""

    dimensions: Mapping[str, int]
    groups: Mapping[str, int]
    excellent_min: int = 90
    pass_min: int = 75
    basic_min: int = 60

    @classmethod
    def from_model(cls, row: AssessmentPolicy) -> "Policy":
        return cls(
            dimensions={d: int(getattr(row, f"weight_{d}")) for d in Dimension.values},
            groups={g: int(getattr(row, f"weight_{g}")) for g in RaterGroup.values},
            excellent_min=row.excellent_min,
            pass_min=row.pass_min,
            basic_min=row.basic_min,
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Policy":
        if not data:
            return cls.from_model(AssessmentPolicy())
        return cls(
            dimensions={k: int(v) for k, v in data["dimensions"].items()},
            groups={k: int(v) for k, v in data["groups"].items()},
            excellent_min=int(data["excellent_min"]),
            pass_min=int(data["pass_min"]),
            basic_min=int(data["basic_min"]),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "dimensions": dict(self.dimensions),
            "groups": dict(self.groups),
            "excellent_min": self.excellent_min,
            "pass_min": self.pass_min,
            "basic_min": self.basic_min,
        }


@dataclass(frozen=True)
class RatingRow:
    group: str
    scores: Mapping[str, int]


@dataclass(frozen=True)
class GroupResult:
    average: Decimal
    count: int


@dataclass(frozen=True)
class Result:
    score: Decimal | None
    level: str  # "" when nobody rated
    dimensions: dict[str, Decimal] = field(default_factory=dict)
    groups: dict[str, GroupResult] = field(default_factory=dict)

    def detail(self) -> dict[str, Any]:
        """The JSON kept on the rated officer (no rater appears in it)."""
        return {
            "dimensions": {d: float(v) for d, v in self.dimensions.items()},
            "groups": {
                g: {"average": float(r.average), "count": r.count} for g, r in self.groups.items()
            },
        }


def rounded(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, ROUND_HALF_UP)


def level_for(score: Decimal | None, policy: Policy) -> str:
    if score is None:
        return ""
    if score >= policy.excellent_min:
        return Level.EXCELLENT
    if score >= policy.pass_min:
        return Level.PASS
    if score >= policy.basic_min:
        return Level.BASIC
    return Level.FAIL


def _weighted(values: Mapping[str, Fraction], weights: Mapping[str, int]) -> Fraction:
    total = sum(weights[k] for k in values)
    return sum((values[k] * weights[k] for k in values), Fraction(0)) / total


def _group_means(rows: list[RatingRow], policy: Policy) -> tuple[Fraction, dict[str, Fraction]]:
    """The group's average rating score, and its average per dimension."""
    n = len(rows)
    per_dimension = {d: Fraction(sum(r.scores[d] for r in rows), n) for d in policy.dimensions}
    return _weighted(per_dimension, policy.dimensions), per_dimension


def score_officer(ratings: Iterable[RatingRow], policy: Policy) -> Result:
    if sum(policy.dimensions.values()) <= 0:
        return Result(score=None, level="")
    by_group: dict[str, list[RatingRow]] = {}
    for row in ratings:
        by_group.setdefault(row.group, []).append(row)
    means = {g: _group_means(rows, policy) for g, rows in by_group.items()}
    weights = {g: policy.groups[g] for g in means if policy.groups.get(g, 0) > 0}
    if not weights:
        return Result(score=None, level="")
    score = rounded(_weighted({g: means[g][0] for g in weights}, weights))
    dimensions = {
        d: rounded(_weighted({g: means[g][1][d] for g in weights}, weights))
        for d in policy.dimensions
    }
    groups = {
        g: GroupResult(average=rounded(means[g][0]), count=len(by_group[g]))
        for g in RaterGroup.values
        if g in by_group
    }
    return Result(score=score, level=level_for(score, policy), dimensions=dimensions, groups=groups)
