"""Ballots as JSON (/api/v1/congress/elections/…); closing a round goes through the round
steps (POST …/elections/rounds/<id>/steps/close, election_steps.ROUND_STEPS).

GET  rounds/<id>/ballot   the round's ballot: candidates in order, seats, write-ins allowed,
                          whether the caller voted (never what) and may vote now
POST rounds/<id>/ballot   cast it: {"choices": {"<candidate id>": "yes|no|abstain"},
                          "write_ins": ["<student number>", …]} (a candidate left out abstains)
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja import Status as Reply
from ninja.errors import HttpError

from tongxin.core.authz import can
from tongxin.core.http import NOT_FOUND

from . import election_ballot_selectors as selectors
from .election_models import ElectionMode, Round, RoundState
from .services import election_ballot as services

router = Router(tags=["congress"])


class BallotCandidateOut(Schema):
    id: int
    name: str
    number: str


class BallotOut(Schema):
    round_id: int
    election_id: int
    number: int
    state: str
    state_label: str
    mode: str
    seats: int
    write_ins_allowed: bool
    candidates: list[BallotCandidateOut]
    voted: bool
    may_vote: bool


class BallotIn(Schema):
    choices: dict[str, str | None] = {}
    write_ins: list[str] = []


class CastOut(Schema):
    round_id: int
    voted: bool


def _round(request: HttpRequest, pk: int) -> Round:
    round_ = selectors.round_by_pk(pk)
    if round_ is None or not can(request.user, "congress.open_ballot", round_):
        raise HttpError(404, NOT_FOUND)
    return round_


@router.get("/rounds/{int:round_id}/ballot", response=BallotOut)
def ballot(request: HttpRequest, round_id: int) -> Any:
    round_ = _round(request, round_id)
    user: Any = request.user
    voted = selectors.has_voted(user, round_)
    return {
        "round_id": round_.pk,
        "election_id": round_.election_id,
        "number": round_.number,
        "state": round_.state,
        "state_label": round_.get_state_display(),
        "mode": round_.mode,
        "seats": round_.seats,
        "write_ins_allowed": round_.election.write_ins_allowed,
        "candidates": [
            {"id": c.pk, "name": c.user.real_name, "number": c.user.number}
            for c in selectors.ballot_candidates(round_)
        ],
        "voted": voted,
        "may_vote": not voted
        and round_.state == RoundState.VOTING
        and round_.mode == ElectionMode.ELECTRONIC
        and can(user, "congress.vote", round_),
    }


@router.post("/rounds/{int:round_id}/ballot", response={201: CastOut})
def cast(request: HttpRequest, round_id: int, body: BallotIn) -> Any:
    """Cast the caller's ballot (a checked-in delegate, once; more 赞成 than seats: 400)."""
    round_ = _round(request, round_id)
    user: Any = request.user
    services.ballot_cast(actor=user, round_=round_, choices=body.choices, write_ins=body.write_ins)
    return Reply(201, {"round_id": round_.pk, "voted": True})
