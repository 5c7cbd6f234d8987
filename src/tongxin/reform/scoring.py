"""A union's overall verdict on a catalogue under its scoring model (DOMAIN.md §6): every
★ item passes, every item passes, or the score reaches the pass mark (graded items earn
100/60/40/0 % of their points; materials and presentation weighted, e.g. 70/30)."""

from dataclasses import dataclass
from decimal import Decimal

from .models import Indicator, IndicatorKind, ScoringModel, VerdictRule


@dataclass(frozen=True)
class Overall:
    passed: bool | None  # None: a verdict it depends on is not known yet
    score: Decimal | None = None


def item_score(
    indicator: Indicator, passed: bool | None, grade: str, scoring: ScoringModel
) -> Decimal:
    points = indicator.points or Decimal(0)
    if indicator.kind == IndicatorKind.GRADED:
        percent = Decimal(scoring.grade_percents.get(grade, 0))
        return points * percent / 100
    return points if passed else Decimal(0)


def overall(
    scoring: ScoringModel,
    verdicts: list[tuple[Indicator, bool | None, str]],
    presentation: Decimal | None = None,
) -> Overall:
    """`verdicts`: (indicator, passed, grade) for every indicator of the catalogue;
    `presentation`: the presentation's score out of 100, where the model weighs one."""
    if scoring.verdict_rule == VerdictRule.PASS_MARK:
        total = sum((i.points or Decimal(0) for i, _p, _g in verdicts), Decimal(0))
        if not total:
            return Overall(None)
        earned = sum((item_score(i, p, g, scoring) for i, p, g in verdicts), Decimal(0))
        materials = earned * 100 / total
        if scoring.presentation_weight and presentation is None:
            return Overall(None, None)
        score = (
            materials * scoring.materials_weight
            + (presentation or Decimal(0)) * scoring.presentation_weight
        ) / 100
        return Overall(score >= (scoring.pass_mark or 0), score.quantize(Decimal("0.1")))
    counted = [
        p for i, p, _g in verdicts if scoring.verdict_rule == VerdictRule.ALL_ITEMS or i.is_core
    ]
    if any(p is False for p in counted):
        return Overall(False)
    if any(p is None for p in counted):
        return Overall(None)
    return Overall(True)
