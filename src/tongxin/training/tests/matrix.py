"""The authorization matrix's rows of the training app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import (
    ADVISORS,
    SECRETARIES,
    Grant,
    Row,
    others,
)

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

GRANTS = [
    Grant("training page", "training.open_sessions", None, [*SECRETARIES, *ADVISORS]),
    Grant("train at school A", "training.manage_session", lambda p: p.school_a, ["advisor_a"]),
    Grant(
        "train at college A1",
        "training.manage_session",
        lambda p: p.college_a1,
        ["secretary_a1", "advisor_a"],
    ),
]
