"""The authorization matrix's rows of the assessment app (tests/test_authorization_matrix.py)."""

from tongxin.assessment import selectors
from tongxin.assessment.models import RatedOfficer, Round
from tongxin.orgs.models import UNION_KINDS, Node
from tongxin.testing.matrix import (
    ADVISORS,
    OFFICERS,
    UNION_A,
    Grant,
    Row,
    others,
)
from tongxin.testing.province import TinyProvince

RATERS = ["advisor_a", "secretary_a1", "student_a", "officer_a"]


def _rated(p: TinyProvince, officer: str) -> RatedOfficer:
    return p.issues["round"].rated.get(officer=p.people[officer])


ROWS = [
    Row("assessment rounds", lambda p: "/assessment/rounds/", ["advisor_a"], others("advisor_a")),
    Row(
        "an assessment round of union A",
        lambda p: f"/assessment/rounds/{p.issues['round'].pk}/",
        ["advisor_a"],
        others("advisor_a"),
    ),
    Row(
        "open a round for union A",
        lambda p: f"/assessment/rounds/new/?union={p.union_a.pk}",
        ["advisor_a"],
        others("advisor_a"),
    ),
    Row("ratings to give", lambda p: "/assessment/rate/", RATERS, others(*RATERS)),
    Row(
        "rate 赵主席 (a fellow officer, never oneself: 404)",
        lambda p: f"/assessment/rate/{_rated(p, 'officer_a').pk}/",
        ["advisor_a", "secretary_a1", "student_a"],
        others(*RATERS),
    ),
    Row(
        "赵主席's own results",
        lambda p: f"/assessment/mine/{_rated(p, 'officer_a').pk}/",
        ["officer_a"],
        others("officer_a", "college_officer_a1"),
    ),
    Row(
        "my assessment",
        lambda p: "/assessment/mine/",
        ["officer_a", "college_officer_a1"],
        others("officer_a", "college_officer_a1"),
    ),
    Row(
        "assessment weights",
        lambda p: "/assessment/policy/",
        ["province_admin"],
        others("province_admin"),
    ),
    Row("API ratings to give", lambda p: "/api/v1/assessment/to-rate", RATERS, others(*RATERS)),
]

# Everyone the two rounds chose as a rater (teachers, delegates, the officers as peers).
CHOSEN_RATERS = ["student_a", "student_a2", "secretary_a1", "advisor_a", *UNION_A]
CHOSEN_RATERS += ["student_b", "advisor_b"]

GRANTS = [
    Grant("rounds page", "assessment.open_rounds", None, ADVISORS),
    Grant("ratings page", "assessment.open_rating", None, CHOSEN_RATERS),
    Grant("own results", "assessment.view_own_results", None, OFFICERS),
    Grant("assessment weights", "assessment.manage_policy", None, ["province_admin"]),
    Grant(
        "open a round for union A",
        "assessment.open_round",
        lambda p: p.union_a,
        ["advisor_a"],
        listed=selectors.union_list_for,
        among=lambda p: Node.objects.filter(kind__in=UNION_KINDS),
    ),
    Grant(
        "open a round for college union A1",
        "assessment.open_round",
        lambda p: p.college_union_a1,
        ["advisor_a"],
    ),
    Grant(
        "a round of union A",
        "assessment.view_round",
        lambda p: p.issues["round"],
        ["advisor_a"],
        listed=selectors.round_list_for,
        among=lambda p: Round.objects.all(),
    ),
    Grant(
        "a round of union B", "assessment.view_round", lambda p: p.issues["round_b"], ["advisor_b"]
    ),
    Grant(
        "close a round of union A",
        "assessment.manage_round",
        lambda p: p.issues["round"],
        ["advisor_a"],
    ),
    Grant(
        "decide an exit proposal",
        "assessment.decide_exit",
        lambda p: p.issues["exit"],
        ["advisor_a"],
    ),
    Grant(
        "rate 赵主席 (never oneself)",
        "assessment.rate_officer",
        lambda p: _rated(p, "officer_a"),
        ["student_a", "student_a2", "secretary_a1", "advisor_a", "minister_a", "member_a"],
        listed=selectors.to_rate_for,
        among=lambda p: RatedOfficer.objects.all(),
    ),
    Grant(
        "rate 王部长 (never oneself)",
        "assessment.rate_officer",
        lambda p: _rated(p, "minister_a"),
        ["student_a", "student_a2", "secretary_a1", "advisor_a", "officer_a", "member_a"],
    ),
    Grant(
        "赵主席's own work report",
        "assessment.submit_report",
        lambda p: _rated(p, "officer_a"),
        ["officer_a"],
    ),
]
