"""The authorization matrix's rows of the congress app (tests/test_authorization_matrix.py),
one module per part."""

from tongxin.testing.province import TinyProvince

from . import (
    matrix_delegates,
    matrix_election_ballot,
    matrix_election_base,
    matrix_election_checkin,
    matrix_election_paper,
    matrix_election_setup,
    matrix_proposal_committee,
    matrix_proposal_handling,
    matrix_proposal_publishing,
    matrix_proposal_writing,
    matrix_rating,
    matrix_sessions,
)

PARTS = [
    matrix_sessions,
    matrix_delegates,
    matrix_rating,
    matrix_proposal_writing,
    matrix_proposal_committee,
    matrix_proposal_handling,
    matrix_proposal_publishing,
    matrix_election_base,
    matrix_election_setup,
    matrix_election_checkin,
    matrix_election_ballot,
    matrix_election_paper,
]
ROWS = [row for part in PARTS for row in part.ROWS]
GRANTS = [grant for part in PARTS for grant in part.GRANTS]


def populate(province: TinyProvince) -> None:
    """The congress objects every row and grant names (province.issues)."""
    for part in PARTS:
        part.populate(province)
