"""A rated officer's result as shown to them (and in the API): score, level, the score per
dimension and the average per rater group with its count — nothing that names a rater."""

from dataclasses import dataclass
from decimal import Decimal

from .models import Dimension, RatedOfficer, RaterGroup
from .scoring import Policy


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    score: float
    weight: int
    count: int = 0


@dataclass(frozen=True)
class ResultView:
    score: Decimal | None
    level: str
    level_label: str
    dimensions: list[Line]
    groups: list[Line]


def result_view(rated: RatedOfficer) -> ResultView:
    policy = Policy.from_json(rated.round.policy)
    detail = rated.detail or {}
    dims = detail.get("dimensions", {})
    groups = detail.get("groups", {})
    return ResultView(
        score=rated.score,
        level=rated.level,
        level_label=rated.level_label,
        dimensions=[
            Line(d.value, str(d.label), dims[d.value], policy.dimensions.get(d.value, 0))
            for d in Dimension
            if d.value in dims
        ],
        groups=[
            Line(
                g.value,
                str(g.label),
                groups[g.value]["average"],
                policy.groups.get(g.value, 0),
                groups[g.value]["count"],
            )
            for g in RaterGroup
            if g.value in groups
        ],
    )


@dataclass(frozen=True)
class RuleLine:
    label: str
    weight: int
    raters: int = 0


def rule_lines(policy: Policy, raters_by_group: dict[str, int]) -> dict[str, list[RuleLine]]:
    """The round's scoring rule for the advisor's page (weights in force, raters per group)."""
    return {
        "rule_dimensions": [
            RuleLine(str(d.label), policy.dimensions.get(d.value, 0)) for d in Dimension
        ],
        "rule_groups": [
            RuleLine(str(g.label), policy.groups.get(g.value, 0), raters_by_group.get(g.value, 0))
            for g in RaterGroup
        ],
    }
