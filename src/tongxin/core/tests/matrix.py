"""The authorization matrix's rows of the core app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import EVERYONE, Row

ROWS = [
    Row("home", lambda p: "/", EVERYONE, []),
    Row("healthz", lambda p: "/healthz", EVERYONE, []),
    Row("to-do list", lambda p: "/todo/", EVERYONE, []),
]
