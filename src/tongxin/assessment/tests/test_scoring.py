"""The score against numbers computed by hand (no database)."""

from decimal import Decimal

import pytest

from tongxin.assessment.models import AssessmentPolicy, Level
from tongxin.assessment.scoring import Policy, RatingRow, level_for, score_officer

from .factories import scores

DEFAULT = Policy.from_model(AssessmentPolicy())


def row(group: str, *values: int) -> RatingRow:
    return RatingRow(group=group, scores=scores(*values))


# Teachers: (90,80,70,100,60) → 80 and all 100 → 100: average 90.
# Delegates: all 70 → 70, all 80 → 80, (60,70,80,90,100) → 80: average 230/3 = 76.667.
# Fellow officers: (50,60,70,80,90) → 70.
TEACHERS = [row("teacher", 90, 80, 70, 100, 60), row("teacher", 100)]
DELEGATES = [row("delegate", 70), row("delegate", 80), row("delegate", 60, 70, 80, 90, 100)]
PEERS = [row("peer", 50, 60, 70, 80, 90)]


def test_default_weights_are_equal_dimensions_and_40_40_20():
    assert dict(DEFAULT.dimensions) == dict.fromkeys(
        ["politics", "morals", "study", "work", "discipline"], 20
    )
    assert dict(DEFAULT.groups) == {"teacher": 40, "delegate": 40, "peer": 20}
    assert (DEFAULT.excellent_min, DEFAULT.pass_min, DEFAULT.basic_min) == (90, 75, 60)


def test_score_with_every_group_matches_the_hand_computation():
    # 0.4 × 90 + 0.4 × 76.667 + 0.2 × 70 = 36 + 30.667 + 14 = 80.667
    result = score_officer(TEACHERS + DELEGATES + PEERS, DEFAULT)
    assert result.score == Decimal("80.67")
    assert result.level == Level.PASS
    assert {g: (r.average, r.count) for g, r in result.groups.items()} == {
        "teacher": (Decimal("90.00"), 2),
        "delegate": (Decimal("76.67"), 3),
        "peer": (Decimal("70.00"), 1),
    }


def test_per_dimension_scores_weight_the_groups_the_same_way():
    # politics: teachers (90+100)/2 = 95, delegates (70+80+60)/3 = 70, peers 50
    # → 0.4 × 95 + 0.4 × 70 + 0.2 × 50 = 38 + 28 + 10 = 76
    result = score_officer(TEACHERS + DELEGATES + PEERS, DEFAULT)
    assert result.dimensions["politics"] == Decimal("76.00")
    # discipline: teachers (60+100)/2 = 80, delegates (70+80+100)/3 = 83.333, peers 90
    # → 32 + 33.333 + 18 = 83.333
    assert result.dimensions["discipline"] == Decimal("83.33")


def test_a_group_without_ratings_drops_out_and_the_rest_are_renormalised():
    # No fellow officers rated: teachers and delegates count 40/80 = 50 % each.
    # (0.4 × 90 + 0.4 × 76.667) / 0.8 = 66.667 / 0.8 = 83.333
    result = score_officer(TEACHERS + DELEGATES, DEFAULT)
    assert result.score == Decimal("83.33")
    assert set(result.groups) == {"teacher", "delegate"}


def test_only_one_group_rated_counts_fully():
    assert score_officer(PEERS, DEFAULT).score == Decimal("70.00")


def test_dimension_weights_are_applied():
    policy = Policy(
        dimensions={"politics": 30, "morals": 10, "study": 20, "work": 30, "discipline": 10},
        groups=DEFAULT.groups,
    )
    # (90×30 + 80×10 + 70×20 + 100×30 + 60×10) / 100 = 8500 / 100 = 85
    assert score_officer([row("teacher", 90, 80, 70, 100, 60)], policy).score == Decimal("85.00")


def test_no_ratings_means_no_score_and_no_level():
    result = score_officer([], DEFAULT)
    assert result.score is None and result.level == ""


def test_a_group_weighted_zero_is_shown_but_not_counted():
    policy = Policy(
        dimensions=DEFAULT.dimensions, groups={"teacher": 50, "delegate": 50, "peer": 0}
    )
    result = score_officer(TEACHERS + PEERS, policy)
    assert result.score == Decimal("90.00")
    assert result.groups["peer"].count == 1


@pytest.mark.parametrize(
    ("score", "level"),
    [
        ("100", Level.EXCELLENT),
        ("90", Level.EXCELLENT),
        ("89.99", Level.PASS),
        ("75", Level.PASS),
        ("74.99", Level.BASIC),
        ("60", Level.BASIC),
        ("59.99", Level.FAIL),
        ("0", Level.FAIL),
    ],
)
def test_level_boundaries(score, level):
    assert level_for(Decimal(score), DEFAULT) == level


@pytest.mark.parametrize(("value", "level"), [(90, "excellent"), (75, "pass"), (60, "basic")])
def test_ratings_exactly_on_a_threshold_reach_that_level(value, level):
    result = score_officer([row("teacher", value), row("delegate", value)], DEFAULT)
    assert result.score == Decimal(value) and result.level == level


def test_the_level_follows_the_rounded_score():
    policy = Policy(dimensions=DEFAULT.dimensions, groups={"teacher": 1, "delegate": 0, "peer": 0})
    rows = [row("teacher", 90)] * 249 + [row("teacher", 89)]  # (249×90 + 89)/250 = 89.996
    result = score_officer(rows, policy)
    assert result.score == Decimal("90.00") and result.level == Level.EXCELLENT


def test_policy_snapshot_survives_json():
    assert Policy.from_json(DEFAULT.to_json()) == DEFAULT
    assert Policy.from_json({}) == DEFAULT
