"""The authorization matrix's rows and grants of the congress's elections: ballot
(tests/matrix.py; the shared set-up is matrix_election_base).

ballot_voting_a   a round of school A's election in voting, student_a checked in: the
                  ballot page and API open to the session's delegates (they say whether
                  one may vote); everyone else 404.
"""

from tongxin.congress.election_models import RoundState
from tongxin.testing.matrix import Grant, Row
from tongxin.testing.province import TinyProvince

from .matrix_election_base import DELEGATES, election_with_round

BALLOT_ROUND = "ballot_voting_a"


def _round_pk(p: TinyProvince) -> int:
    return int(p.issues[BALLOT_ROUND].pk)


ROWS: list[Row] = [
    Row(
        "the ballot page of a round in voting",
        lambda p: f"/congress/elections/rounds/{_round_pk(p)}/ballot/",
        DELEGATES,
        [],
    ),
    Row(
        "API the ballot of a round in voting",
        lambda p: f"/api/v1/congress/elections/rounds/{_round_pk(p)}/ballot",
        DELEGATES,
        [],
    ),
]
GRANTS: list[Grant] = [
    Grant(
        "open the ballot page of school A's round",
        "congress.open_ballot",
        lambda p: p.issues[BALLOT_ROUND],
        DELEGATES,
    ),
]


def populate(province: TinyProvince) -> None:
    """Set-up through the ORM (matrix_election_base.election_with_round)."""
    province.issues[BALLOT_ROUND] = election_with_round(
        province, RoundState.VOTING, checked_in=("student_a",)
    )[1]
