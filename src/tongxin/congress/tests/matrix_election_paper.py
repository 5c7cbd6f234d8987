"""The authorization matrix's rows and grants of the congress's elections: paper
(tests/matrix.py; the shared set-up is matrix_election_base).

election_paper_closed_a   a paper round of school A's election, voting closed: the tellers'
                          page, the printables and the API
"""

from typing import Any

from tongxin.congress.election_models import ElectionMode, RoundState
from tongxin.testing.matrix import Grant, Row
from tongxin.testing.province import TinyProvince

from .matrix_election_base import ADVISOR, CHIEF, TELLER, election_with_round

CLOSED = "election_paper_closed_a"
# Of the personas: the advisor and the teller (officer_a) print and run the count; the
# delegate student_a and the supervising city federation read the election but not these.
PRINTERS = ["advisor_a", "officer_a"]
READERS_ONLY = ["student_a", "city_staff_1"]


def populate(province: TinyProvince) -> None:
    """Set-up through the ORM (matrix_election_base.election_with_round)."""
    province.issues[CLOSED] = election_with_round(
        province, RoundState.CLOSED, mode=ElectionMode.PAPER, checked_in=("student_a",)
    )[1]


def _pk(p: TinyProvince) -> Any:
    return p.issues[CLOSED].pk


ROWS: list[Row] = [
    Row(
        "a paper round's ballots (PDF)",
        lambda p: f"/congress/elections/rounds/{_pk(p)}/ballots.pdf",
        PRINTERS,
        READERS_ONLY,
    ),
    Row(
        "a paper round's sign-in sheet (PDF)",
        lambda p: f"/congress/elections/rounds/{_pk(p)}/checkin-sheet.pdf",
        PRINTERS,
        READERS_ONLY,
    ),
    Row(
        "a paper round's tellers' page",
        lambda p: f"/congress/elections/rounds/{_pk(p)}/count/",
        PRINTERS,
        READERS_ONLY,
    ),
    Row(
        "enter a paper round's count (no figures: the form again)",
        lambda p: f"/congress/elections/rounds/{_pk(p)}/count/",
        ["officer_a"],
        ["advisor_a", *READERS_ONLY],
        method="post",
    ),
    Row(
        "the ballots issued of a closed round (refused: the page again)",
        lambda p: f"/congress/elections/rounds/{_pk(p)}/ballots-issued/",
        ["advisor_a"],
        ["officer_a", *READERS_ONLY],
        method="post",
    ),
    Row(
        "API a paper round's entries",
        lambda p: f"/api/v1/congress/elections/rounds/{_pk(p)}/paper",
        PRINTERS,
        READERS_ONLY,
    ),
]

GRANTS: list[Grant] = [
    Grant(
        "print a round's ballots and sign-in sheet",
        "congress.print_round_papers",
        lambda p: p.issues[CLOSED],
        ADVISOR + CHIEF + TELLER,
    ),
]
