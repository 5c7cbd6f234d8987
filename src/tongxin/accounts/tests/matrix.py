"""The authorization matrix's rows of the accounts app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import EVERYONE, Row, others

ROWS = [
    Row(
        "people list",
        lambda p: "/accounts/people/",
        ["advisor_a", "secretary_a1"],
        others("advisor_a", "secretary_a1"),
    ),
    Row(
        "a student of college A1",
        lambda p: f"/accounts/people/{p.student_a.pk}/",
        ["student_a", "advisor_a", "secretary_a1"],
        [],
    ),
    Row(
        "a student of the sibling college A2",
        lambda p: f"/accounts/people/{p.student_a2.pk}/",
        ["advisor_a"],
        [],
    ),
    Row("a student of the sibling school", lambda p: f"/accounts/people/{p.student_b.pk}/", [], []),
    Row("API tokens", lambda p: "/accounts/tokens/", EVERYONE, []),
    Row("account security", lambda p: "/accounts/security/", EVERYONE, []),
    Row(
        "reset the password of a student of A1 (no reason: the form again)",
        lambda p: f"/accounts/people/{p.student_a.pk}/reset/",
        ["advisor_a"],
        ["student_a", "secretary_a1"],
        method="post",
    ),
    Row(
        "reset the password of a student of the sibling school",
        lambda p: f"/accounts/people/{p.student_b.pk}/reset/",
        [],
        [],
        method="post",
    ),
    Row("password change", lambda p: "/accounts/password/", EVERYONE, []),
    Row("API me", lambda p: "/api/v1/me", EVERYONE, []),
]
