"""The authorization matrix's rows of the imports app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import Row, others

ROWS = [
    Row("import", lambda p: "/imports/", ["advisor_a"], others("advisor_a")),
]
