"""The authorization matrix's rows and grants of the congress's elections: setup
(tests/matrix.py; the shared set-up is matrix_election_base)."""

from tongxin.testing.matrix import Grant, Row
from tongxin.testing.province import TinyProvince

from .matrix_election_base import CHECKING_IN, DRAFTED, PUBLISHED, SESSION

ROWS: list[Row] = []
GRANTS: list[Grant] = []


def populate(province: TinyProvince) -> None:
    """Set-up through the ORM (matrix_election_base.election_with_round)."""


def _election(key: str):  # type: ignore[no-untyped-def]
    return lambda p: p.issues[key].pk


def _round(p: TinyProvince) -> int:
    return p.issues[CHECKING_IN].pk


# A running election of school A: its delegates (student_a; officer_a, also a scrutineer),
# the union's officers, the school's advisor and the supervising city federation.
READERS = ["student_a", "officer_a", "advisor_a", "city_staff_1"]
# Published: any student of the school besides.
PUBLISHED_READERS = [*READERS, "college_officer_a1"]

ROWS += [
    Row(
        "a new election of school A's session",
        lambda p: f"/congress/elections/new/{p.issues[SESSION].pk}/",
        ["advisor_a"],
        [],
    ),
    Row(
        "school A's election in draft",
        lambda p: f"/congress/elections/{_election(DRAFTED)(p)}/",
        READERS,
        [],
    ),
    Row(
        "school A's election in draft (API)",
        lambda p: f"/api/v1/congress/elections/{_election(DRAFTED)(p)}",
        READERS,
        [],
    ),
    Row(
        "school A's published election",
        lambda p: f"/congress/elections/{_election(PUBLISHED)(p)}/",
        PUBLISHED_READERS,
        [],
    ),
    Row(
        "a round of school A in check-in (console)",
        lambda p: f"/congress/elections/rounds/{_round(p)}/",
        READERS,
        [],
    ),
    Row(
        "a round of school A in check-in (API)",
        lambda p: f"/api/v1/congress/elections/rounds/{_round(p)}",
        READERS,
        [],
    ),
]
