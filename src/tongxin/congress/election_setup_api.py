"""Elections' setup and results as JSON (the same gates and services as
election_setup_views): create, set up, start, publish, cancel an election; read an
election and a round; take a round's step (election_steps.ROUND_STEPS)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja import Status as Reply
from ninja.errors import HttpError
from pydantic import Field

from tongxin.core.http import NOT_FOUND, Id

from . import election_setup_selectors as sel
from .election_machine import ELECTION, ROUND
from .election_models import Election, Round
from .election_steps import step_for
from .models import Session
from .services import election_setup as svc

router = Router(tags=["congress"])

Version = Field(ge=1, le=2_000_000_000)


class TermsIn(Schema):
    seats: int = Field(ge=1, le=99)
    mode: str = "electronic"
    write_ins_allowed: bool = True


class SetupIn(TermsIn):
    version: int = Version
    candidacies: list[Id] = Field(default_factory=list, max_length=500)
    scrutineers: list[Id] = Field(default_factory=list, max_length=500)
    chief: Id | None = None


class VersionIn(Schema):
    version: int = Version


class CancelIn(VersionIn):
    reason: str = Field(default="", max_length=200)


class CandidateOut(Schema):
    user_id: int
    name: str
    candidacy_id: int | None
    is_write_in: bool
    outcome: str
    outcome_label: str


class TallyOut(Schema):
    user_id: int
    name: str
    yes: int
    no: int | None
    abstain: int | None
    outcome: str
    write_in: bool


class RoundOut(Schema):
    id: int
    election_id: int
    number: int
    kind: str
    kind_label: str
    mode: str
    seats: int
    state: str
    state_label: str
    version: int
    due_count: int | None
    present_count: int | None
    ballots_issued: int | None
    ballots_cast: int
    blank_ballots: int
    void_ballots: int
    void_reason: str
    steps: list[str]
    result: list[TallyOut] | None


class ElectionOut(Schema):
    id: int
    session_id: int
    union: str
    title: str
    seats: int
    mode: str
    write_ins_allowed: bool
    state: str
    state_label: str
    version: int
    steps: list[str]
    candidates: list[CandidateOut]
    scrutineers: list[dict[str, Any]]
    rounds: list[RoundOut]


def _result(round_: Round) -> list[dict[str, Any]] | None:
    result = sel.result_of(round_)
    if result is None:
        return None
    rows = [
        {
            "user_id": t.candidate.user_id,
            "name": t.candidate.user.real_name,
            "yes": t.yes,
            "no": t.no,
            "abstain": t.abstain,
            "outcome": t.outcome,
            "write_in": False,
        }
        for t in result["tallies"]
    ]
    rows += [
        {
            "user_id": w.user_id,
            "name": w.user.real_name,
            "yes": w.yes,
            "no": None,
            "abstain": None,
            "outcome": w.outcome,
            "write_in": True,
        }
        for w in result["write_ins"]
    ]
    return rows


def _round_out(round_: Round, user: Any) -> dict[str, Any]:
    fields = ["id", "election_id", "number", "kind", "mode", "seats", "state", "version"]
    fields += ["due_count", "present_count", "ballots_issued", "ballots_cast"]
    fields += ["blank_ballots", "void_ballots", "void_reason"]
    return {
        **{f: getattr(round_, f) for f in fields},
        "kind_label": round_.get_kind_display(),
        "state_label": round_.get_state_display(),
        "steps": sel.round_context(round_, user)["steps"],
        "result": _result(round_),
    }


def _election_out(election: Election, user: Any) -> dict[str, Any]:
    return {
        "id": election.pk,
        "session_id": election.session_id,
        "union": election.union.name,
        "title": election.title,
        "seats": election.seats,
        "mode": election.mode,
        "write_ins_allowed": election.write_ins_allowed,
        "state": election.state,
        "state_label": election.get_state_display(),
        "version": election.version,
        "steps": ELECTION.allowed(user, election),
        "candidates": [
            {
                "user_id": c.user_id,
                "name": c.user.real_name,
                "candidacy_id": c.candidacy_id,
                "is_write_in": c.is_write_in,
                "outcome": c.outcome,
                "outcome_label": c.get_outcome_display(),
            }
            for c in sel.candidates_of(election)
        ],
        "scrutineers": [
            {"user_id": s.user_id, "name": s.user.real_name, "is_chief": s.is_chief}
            for s in sel.scrutineers_of(election)
        ],
        "rounds": [_round_out(r, user) for r in sel.rounds_of(election)],
    }


def _election(request: HttpRequest, pk: int) -> Election:
    try:
        return sel.election_get_for(actor=request.user, pk=pk)
    except Election.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


def _round(request: HttpRequest, pk: int) -> Round:
    try:
        return sel.round_get_for(actor=request.user, pk=pk)
    except Round.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


def _fresh(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _election_out(_election(request, pk), request.user)


@router.post("/sessions/{session_id}", response={201: ElectionOut})
def election_create(request: HttpRequest, session_id: int, body: TermsIn) -> Any:
    """Create an election of the session's presidium (the school's advisor)."""
    try:
        session = sel.session_for_election(actor=request.user, pk=session_id)
    except Session.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc
    user: Any = request.user
    election = svc.election_create(actor=user, session=session, **body.dict())
    return Reply(201, _fresh(request, election.pk))


@router.get("/{int:election_id}", response=ElectionOut)
def election_detail(request: HttpRequest, election_id: int) -> Any:
    return _fresh(request, election_id)


@router.post("/{int:election_id}/set-up", response=ElectionOut)
def election_set_up(request: HttpRequest, election_id: int, body: SetupIn) -> Any:
    """Seats, mode, write-ins, the candidacies "for election" (ballot order), scrutineers
    and the chief among them."""
    election = _election(request, election_id)
    d = body.dict()
    setup = svc.Setup(
        seats=d["seats"],
        mode=d["mode"],
        write_ins_allowed=d["write_ins_allowed"],
        candidacies=d["candidacies"],
        scrutineers=d["scrutineers"],
        chief=d["chief"],
    )
    user: Any = request.user
    svc.election_set_up(actor=user, election=election, expected_version=d["version"], setup=setup)
    return _fresh(request, election_id)


@router.post("/{int:election_id}/start", response=ElectionOut)
def election_start(request: HttpRequest, election_id: int, body: VersionIn) -> Any:
    user: Any = request.user
    svc.election_start(
        actor=user, election=_election(request, election_id), expected_version=body.version
    )
    return _fresh(request, election_id)


@router.post("/{int:election_id}/publish", response=ElectionOut)
def election_publish(request: HttpRequest, election_id: int, body: VersionIn) -> Any:
    user: Any = request.user
    svc.election_publish(
        actor=user, election=_election(request, election_id), expected_version=body.version
    )
    return _fresh(request, election_id)


@router.post("/{int:election_id}/cancel", response=ElectionOut)
def election_cancel(request: HttpRequest, election_id: int, body: CancelIn) -> Any:
    user: Any = request.user
    svc.election_cancel(
        actor=user,
        election=_election(request, election_id),
        expected_version=body.version,
        reason=body.reason,
    )
    return _fresh(request, election_id)


@router.get("/rounds/{round_id}", response=RoundOut)
def round_detail(request: HttpRequest, round_id: int) -> Any:
    return _round_out(_round(request, round_id), request.user)


@router.post("/rounds/{round_id}/steps/{action}", response=RoundOut)
def round_step(request: HttpRequest, round_id: int, action: str, body: VersionIn) -> Any:
    """A conductor's step on a round (start-checkin, open, close, cancel, …)."""
    round_ = _round(request, round_id)
    step = step_for(action)
    if step is None or action not in {a.name for a in ROUND.actions}:
        raise HttpError(404, "未知的操作。")
    user: Any = request.user
    step(actor=user, round_=round_, expected_version=body.version)
    return _out_round(request, round_id)


def _out_round(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _round_out(_round(request, pk), request.user)
