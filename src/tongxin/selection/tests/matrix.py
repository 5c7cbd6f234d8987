"""The authorization matrix's rows of the selection app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import (
    OVER_COUNTY,
    SCHOOL_A,
    Row,
    others,
)

ROWS = [
    Row("candidacies", lambda p: "/selection/", ["advisor_a"], others("advisor_a")),
    Row(
        "college recommendations",
        lambda p: "/selection/college/",
        ["secretary_a1"],
        others("secretary_a1"),
    ),
    Row("public notice", lambda p: "/selection/notice/", SCHOOL_A, OVER_COUNTY),
    Row("selection settings", lambda p: "/selection/settings/", ["advisor_a"], others("advisor_a")),
    Row(
        "a candidacy",
        lambda p: f"/selection/candidacies/{p.issues['candidacy'].pk}/",
        ["student_a", "advisor_a", "secretary_a1"],
        [],
    ),
    Row(
        "API candidacy",
        lambda p: f"/api/v1/selection/candidacies/{p.issues['candidacy'].pk}",
        ["student_a", "advisor_a", "secretary_a1"],
        [],
    ),
]
