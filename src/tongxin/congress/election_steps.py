"""The round steps a conductor takes from the round's page (congress:round-step) and through
POST /api/v1/congress/elections/rounds/<pk>/steps/<action>: one service per action of
election_machine.ROUND that is on the page, each registered below by the part that owns it.

A step service is called as step(actor=, round_=, expected_version=) and returns the round;
it checks permission, validates and audits itself (services/election_*.py).
"""

from collections.abc import Callable
from typing import Any

from .election_models import Round
from .services import election_ballot
from .services.election_checkin import round_open, round_start_checkin
from .services.election_setup import round_cancel

RoundStep = Callable[..., Round]
ROUND_STEPS: dict[str, RoundStep] = {}


def step_for(name: str) -> RoundStep | None:
    return ROUND_STEPS.get(name)


def _register(name: str, service: Any) -> None:
    ROUND_STEPS[name] = service


# --- elections: setup and results (cancel) ------------------------------------------------

_register("cancel", round_cancel)


# --- elections: check-in and quorum (start-checkin, open) ---------------------------------

_register("start-checkin", round_start_checkin)
_register("open", round_open)


# --- elections: ballots and counting (close) ----------------------------------------------

_register("close", election_ballot.round_close)


# --- elections: paper mode ----------------------------------------------------------------
