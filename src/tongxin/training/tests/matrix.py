"""The authorization matrix's rows of the training app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import Row, others

ROWS = [
    Row(
        "training sessions",
        lambda p: "/training/",
        ["secretary_a1", "advisor_a"],
        others("secretary_a1", "advisor_a"),
    ),
    Row(
        "a school-level training session",
        lambda p: f"/training/{p.issues['training'].pk}/",
        ["advisor_a"],
        [],
    ),
]
