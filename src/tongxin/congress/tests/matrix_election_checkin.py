"""The authorization matrix's rows and grants of the congress's elections: checkin
(tests/matrix.py; the shared set-up is matrix_election_base). The round in check-in is
matrix_election_base's CHECKING_IN: advisor_a conducts it, officer_a is a scrutineer
(tellers tick and show the hall's screen; a delegate too), student_a a delegate."""

from typing import Any

from tongxin.testing.matrix import Grant, Row, others
from tongxin.testing.province import TinyProvince

from .matrix_election_base import CHECKING_IN

PAGES = "/congress/elections"
API = "/api/v1/congress/elections"
HALL = ["advisor_a", "officer_a"]  # the advisor and a scrutineer (student_a2, the chief, too)
CHECKERS = ["student_a", "officer_a"]  # delegates of the session (student_a2 too)
DELEGATES_NOW = ["student_a"]  # open_my_elections (student_a2 too, not a persona)


def _round(p: TinyProvince) -> Any:
    return p.issues[CHECKING_IN].pk


ROWS: list[Row] = [
    Row("my elections", lambda p: f"{PAGES}/mine/", DELEGATES_NOW, others(*DELEGATES_NOW)),
    Row("a round's hall screen", lambda p: f"{PAGES}/rounds/{_round(p)}/hall/", HALL, []),
    Row(
        "a round's hall screen, the refreshed part",
        lambda p: f"{PAGES}/rounds/{_round(p)}/hall/status/",
        HALL,
        [],
    ),
    Row("a round's check-in page", lambda p: f"{PAGES}/rounds/{_round(p)}/checkin/", CHECKERS, []),
    Row(
        "a round's attendance list",
        lambda p: f"{PAGES}/rounds/{_round(p)}/attendance/",
        HALL,
        [],
    ),
    Row("API my elections", lambda p: f"{API}/mine", DELEGATES_NOW, others(*DELEGATES_NOW)),
    Row("API a round's hall status", lambda p: f"{API}/rounds/{_round(p)}/hall", HALL, []),
    Row(
        "API a round's attendance list",
        lambda p: f"{API}/rounds/{_round(p)}/attendance",
        HALL,
        [],
    ),
]
GRANTS: list[Grant] = []


def populate(province: TinyProvince) -> None:
    """Set-up through the ORM (matrix_election_base.election_with_round)."""
