"""The authorization matrix's rows and grants of the congress's elections: setup
(tests/matrix.py; the shared set-up is matrix_election_base)."""

from tongxin.testing.matrix import Grant, Row
from tongxin.testing.province import TinyProvince

ROWS: list[Row] = []
GRANTS: list[Grant] = []


def populate(province: TinyProvince) -> None:
    """Set-up through the ORM (matrix_election_base.election_with_round)."""
