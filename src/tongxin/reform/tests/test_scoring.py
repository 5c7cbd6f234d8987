"""Overall verdicts under the scoring models of DOMAIN.md §6, on hand-computed cases."""

from decimal import Decimal

import pytest

from tongxin.reform.models import Indicator, IndicatorKind, Mark, ScoringModel, VerdictRule
from tongxin.reform.scoring import item_score, overall

GRADES = {"A": 100, "B": 60, "C": 40, "D": 0}


def item(number: int, *, core: bool = False, points: str | None = None, graded: bool = False):
    return Indicator(
        number=number,
        mark=Mark.CORE if core else Mark.PLAIN,
        kind=IndicatorKind.GRADED if graded else IndicatorKind.YES_NO,
        points=Decimal(points) if points else None,
    )


def model(rule: str, **kw) -> ScoringModel:
    return ScoringModel(name="m", verdict_rule=rule, grade_percents=GRADES, **kw)


def test_every_core_item_passing_passes_whatever_the_others():
    verdicts = [
        (item(1, core=True), True, ""),
        (item(2), False, ""),
        (item(11, core=True), True, ""),
    ]
    assert overall(model(VerdictRule.CORE_ITEMS), verdicts).passed is True


def test_one_failing_core_item_fails_and_an_unknown_one_leaves_it_open():
    failing = [(item(1, core=True), False, ""), (item(11, core=True), None, "")]
    assert overall(model(VerdictRule.CORE_ITEMS), failing).passed is False
    unknown = [(item(1, core=True), True, ""), (item(11, core=True), None, "")]
    assert overall(model(VerdictRule.CORE_ITEMS), unknown).passed is None


def test_all_items_counts_the_plain_items_too():
    verdicts = [(item(1, core=True), True, ""), (item(2), False, "")]
    assert overall(model(VerdictRule.ALL_ITEMS), verdicts).passed is False


@pytest.mark.parametrize(("grade", "earned"), [("A", "20"), ("B", "12"), ("C", "8"), ("D", "0")])
def test_graded_items_earn_100_60_40_0_percent_of_their_points(grade, earned):
    scoring = model(VerdictRule.PASS_MARK, pass_mark=60)
    assert item_score(item(3, points="20", graded=True), None, grade, scoring) == Decimal(earned)


def test_materials_70_and_presentation_30_against_a_pass_mark_of_60():
    scoring = model(
        VerdictRule.PASS_MARK, pass_mark=60, materials_weight=70, presentation_weight=30
    )
    # Materials: 40 (yes) + 0 (no) + 30 × 60 % (B) = 58 of 100 points → 58.
    verdicts = [
        (item(1, points="40"), True, ""),
        (item(2, points="30"), False, ""),
        (item(3, points="30", graded=True), None, "B"),
    ]
    # 58 × 0.7 + 70 × 0.3 = 40.6 + 21 = 61.6 → passes; with 60 for the presentation, 58.6 fails.
    passed = overall(scoring, verdicts, presentation=Decimal(70))
    assert (passed.passed, passed.score) == (True, Decimal("61.6"))
    failed = overall(scoring, verdicts, presentation=Decimal(60))
    assert (failed.passed, failed.score) == (False, Decimal("58.6"))
    # Without the presentation's score the verdict is not known yet.
    assert overall(scoring, verdicts).passed is None
