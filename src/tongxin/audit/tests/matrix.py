"""The authorization matrix's rows of the audit app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import (
    COUNTY,
    FEDERATION,
    Row,
    others,
)

AUDIT_READERS = ["advisor_a", *FEDERATION, *COUNTY]

ROWS = [
    Row("audit log", lambda p: "/audit/", AUDIT_READERS, others(*AUDIT_READERS)),
]
