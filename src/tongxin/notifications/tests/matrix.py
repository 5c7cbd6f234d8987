"""The authorization matrix's rows of the notifications app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import EVERYONE, Row

ROWS = [
    Row("notifications", lambda p: "/notifications/", EVERYONE, []),
    Row("API notifications", lambda p: "/api/v1/notifications", EVERYONE, []),
]
