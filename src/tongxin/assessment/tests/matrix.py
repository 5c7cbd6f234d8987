"""The authorization matrix's rows of the assessment app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import Row, others

RATERS = ["advisor_a", "secretary_a1", "student_a", "officer_a"]

ROWS = [
    Row("assessment rounds", lambda p: "/assessment/rounds/", ["advisor_a"], others("advisor_a")),
    Row(
        "an assessment round of union A",
        lambda p: f"/assessment/rounds/{p.issues['round'].pk}/",
        ["advisor_a"],
        others("advisor_a"),
    ),
    Row("ratings to give", lambda p: "/assessment/rate/", RATERS, others(*RATERS)),
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
