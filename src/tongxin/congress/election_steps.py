"""The round steps a conductor takes from the round's page (congress:round-step) and through
POST /api/v1/congress/elections/rounds/<pk>/steps/<action>: one service per action of
election_machine.ROUND that is on the page, each registered below by the part that owns it.

A step service is called as step(actor=, round_=, expected_version=) and returns the round;
it checks permission, validates and audits itself (services/election_*.py).
"""

from collections.abc import Callable
from typing import Any

from .election_models import Round

RoundStep = Callable[..., Round]
ROUND_STEPS: dict[str, RoundStep] = {}


def step_for(name: str) -> RoundStep | None:
    return ROUND_STEPS.get(name)


def _register(name: str, service: Any) -> None:
    ROUND_STEPS[name] = service


# --- elections: setup and results (cancel) ------------------------------------------------


# --- elections: check-in and quorum (start-checkin, open) ---------------------------------
from .services.election_checkin import round_open, round_start_checkin  # noqa: E402

_register("start-checkin", round_start_checkin)
_register("open", round_open)


# --- elections: ballots and counting (close) ----------------------------------------------


# --- elections: paper mode ----------------------------------------------------------------
