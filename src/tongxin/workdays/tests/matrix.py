"""The authorization matrix's rows of the workdays app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import (
    Grant,
    Row,
    others,
)

ROWS = [
    Row(
        "working-day calendar", lambda p: "/workdays/", ["province_admin"], others("province_admin")
    ),
]

GRANTS = [
    Grant("working-day calendar", "workdays.manage_calendar", None, ["province_admin"]),
]
