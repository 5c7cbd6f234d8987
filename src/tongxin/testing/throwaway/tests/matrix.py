"""The authorization matrix's rows of the throwaway app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import EVERYONE, Row

ROWS = [Row("throwaway page", lambda p: "/throwaway/", EVERYONE, [])]
