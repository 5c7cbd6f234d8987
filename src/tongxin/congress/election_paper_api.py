"""Paper rounds as JSON: the tellers' entries and where they differ, a teller's count, the
ballots issued. Mounted by api.py under /congress/elections."""

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from tongxin.core.authz import can
from tongxin.core.http import NOT_FOUND, Id

from . import election_paper_selectors as selectors
from .election_models import Round
from .election_paper_forms import MAX_WRITE_IN_ROWS, TypedEntry, paper_count
from .services.election_paper import (
    MAX_BALLOTS,
    count_entry_save,
    differences,
    round_ballots_issued,
)

router = Router(tags=["congress"])
CLOSED_TO_ROLE = "纸质选票的打印和计票仅对团委指导老师、总监票人和监票人开放。"
Votes = Annotated[int, Field(ge=0, le=MAX_BALLOTS)]


class EntryOut(Schema):
    teller_id: int
    teller: str
    ballots_returned: int
    blank_ballots: int
    void_ballots: int
    entered_at: datetime


class PaperRoundOut(Schema):
    id: int
    election_id: int
    number: int
    state: str
    mode: str
    seats: int
    version: int
    present_count: int | None
    ballots_issued: int | None
    void_reason: str
    entries: list[EntryOut]
    entries_agree: bool | None  # None: fewer than two entries
    can_enter: bool


class CandidateCountIn(Schema):
    candidate_id: Id
    yes: Votes = 0
    no: Votes = 0
    abstain: Votes = 0


class WriteInIn(Schema):
    number: Annotated[str, Field(min_length=1, max_length=32)]
    yes: Votes


class CountEntryIn(Schema):
    """One teller's count: candidates not listed count 0; write-ins by student number."""

    ballots_returned: Votes
    blank_ballots: Votes = 0
    void_ballots: Votes = 0
    counts: Annotated[list[CandidateCountIn], Field(max_length=200)] = []
    write_ins: Annotated[list[WriteInIn], Field(max_length=MAX_WRITE_IN_ROWS)] = []


class IssuedIn(Schema):
    issued: Votes
    version: Id


def _round(request: HttpRequest, pk: int) -> Round:
    try:
        round_ = selectors.round_get_for(actor=request.user, pk=pk)
    except Round.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc
    if not can(request.user, "congress.print_round_papers", round_):
        raise HttpError(403, CLOSED_TO_ROLE)
    return round_


def _out(request: HttpRequest, round_: Round) -> dict[str, Any]:
    entries = selectors.entries_of(round_)
    agree = None if len(entries) < 2 else not differences(entries[0], entries[1])
    return {
        "id": round_.pk,
        "election_id": round_.election_id,
        "number": round_.number,
        "state": round_.state,
        "mode": round_.mode,
        "seats": round_.seats,
        "version": round_.version,
        "present_count": round_.present_count,
        "ballots_issued": round_.ballots_issued,
        "void_reason": round_.void_reason,
        "entries": [
            {
                "teller_id": e.teller_id,
                "teller": e.teller.real_name or e.teller.username,
                "ballots_returned": e.ballots_returned,
                "blank_ballots": e.blank_ballots,
                "void_ballots": e.void_ballots,
                "entered_at": e.entered_at,
            }
            for e in entries
        ],
        "entries_agree": agree,
        "can_enter": can(request.user, "congress.enter_count", round_),
    }


@router.get("/rounds/{pk}/paper", response=PaperRoundOut)
def paper_round(request: HttpRequest, pk: Id) -> Any:
    """A paper round's ballots issued, the tellers' entries and whether they agree."""
    return _out(request, _round(request, pk))


@router.post("/rounds/{pk}/count-entry", response=PaperRoundOut)
def count_entry(request: HttpRequest, pk: Id, body: CountEntryIn) -> Any:
    """A scrutineer's count of a closed paper round (replacing their earlier one); the
    second equal entry counts the round."""
    round_ = _round(request, pk)
    tallies = selectors.tallies_of(round_)
    typed = TypedEntry(
        {
            "ballots_returned": str(body.ballots_returned),
            "blank_ballots": str(body.blank_ballots),
            "void_ballots": str(body.void_ballots),
        }
    )
    for c in body.counts:
        typed.values |= {
            f"yes_{c.candidate_id}": str(c.yes),
            f"no_{c.candidate_id}": str(c.no),
            f"abstain_{c.candidate_id}": str(c.abstain),
        }
    known = {t.candidate_id for t in tallies}
    if any(c.candidate_id not in known for c in body.counts):
        raise HttpError(400, "录入的候选人不在本轮选票上。")
    typed.write_ins = [(w.number, str(w.yes)) for w in body.write_ins]
    user: Any = request.user
    count_entry_save(actor=user, round_=round_, entry=paper_count(round_, tallies, typed))
    return _out(request, selectors.round_get_for(actor=request.user, pk=pk))


@router.post("/rounds/{pk}/ballots-issued", response=PaperRoundOut)
def ballots_issued(request: HttpRequest, pk: Id, body: IssuedIn) -> Any:
    """The ballots handed out in the hall while a paper round is voting."""
    round_ = _round(request, pk)
    user: Any = request.user
    round_ballots_issued(
        actor=user, round_=round_, issued=body.issued, expected_version=body.version
    )
    return _out(request, selectors.round_get_for(actor=request.user, pk=pk))
