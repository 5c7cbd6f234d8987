"""Check-in and quorum as JSON (/api/v1/congress/elections/…).

GET  mine                          my live rounds (checked in, voted) — a delegate
GET  rounds/<id>/hall              the hall's status: 应到 / 实到, quorum, the current code
                                   while checking in (conductors, tellers)
POST rounds/<id>/checkin           {code}: a delegate checks in with the hall's code
GET  rounds/<id>/attendance        the delegates due and who is present (tellers)
POST rounds/<id>/attendance        {user_id}: tick a delegate present (tellers)
DELETE rounds/<id>/attendance/<user_id>   strike a delegate off while checking in (tellers)
The steps start-checkin and open go through POST rounds/<id>/steps/<action>
(election_steps.ROUND_STEPS).
"""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from tongxin.core.authz import can
from tongxin.core.http import NOT_FOUND

from . import election_checkin_selectors as selectors
from .election_checkin import checkin_code, seconds_left
from .election_models import Round, RoundState
from .services import election_checkin as services

router = Router(tags=["congress"])


class HallOut(Schema):
    round_id: int
    state: str
    state_label: str
    due: int
    present: int
    quorum: bool
    code: str | None
    seconds_left: int | None


class CheckInIn(Schema):
    code: str | None = None


class TickIn(Schema):
    user_id: int | None = None


class CheckInOut(Schema):
    round_id: int
    checked_in: bool
    new: bool
    message: str


class AttendanceOut(Schema):
    user_id: int
    name: str
    number: str
    unit: str
    present: bool
    method: str
    ticked_by: str


class MyRoundOut(Schema):
    round_id: int
    election_id: int
    title: str
    number: int
    state: str
    state_label: str
    checked_in: bool
    voted: bool


def _round(request: HttpRequest, pk: int, perm: str) -> Round:
    round_ = selectors.round_by_pk(pk)
    if round_ is None or not can(request.user, perm, round_):
        raise HttpError(404, NOT_FOUND)
    return round_


@router.get("/mine", response=list[MyRoundOut])
def mine(request: HttpRequest) -> Any:
    if not can(request.user, "congress.open_my_elections"):
        raise HttpError(403, "只有本届代表可以查看“我的选举”。")
    return [
        {
            "round_id": r.pk,
            "election_id": r.election_id,
            "title": r.election.title,
            "number": r.number,
            "state": r.state,
            "state_label": r.get_state_display(),
            "checked_in": getattr(r, "me_present", False),
            "voted": getattr(r, "me_voted", False),
        }
        for r in selectors.my_rounds(request.user)[:50]
    ]


@router.get("/rounds/{int:pk}/hall", response=HallOut)
def hall(request: HttpRequest, pk: int) -> Any:
    round_ = _round(request, pk, "congress.show_hall_code")
    status = selectors.hall_status(round_)
    now = timezone.now()
    live = round_.state == RoundState.CHECKIN
    return {
        "round_id": round_.pk,
        "state": status.state,
        "state_label": status.state_label,
        "due": status.due,
        "present": status.present,
        "quorum": status.quorum,
        "code": checkin_code(round_, now) if live else None,
        "seconds_left": seconds_left(now) if live else None,
    }


@router.post("/rounds/{int:pk}/checkin", response=CheckInOut)
def check_in(request: HttpRequest, pk: int, body: CheckInIn) -> Any:
    round_ = _round(request, pk, "congress.check_in")
    new = services.round_check_in(actor=request.user, round_=round_, code=body.code)  # type: ignore[arg-type]
    return {
        "round_id": round_.pk,
        "checked_in": True,
        "new": new,
        "message": "签到成功。" if new else services.ALREADY,
    }


@router.get("/rounds/{int:pk}/attendance", response=list[AttendanceOut])
def attendance(request: HttpRequest, pk: int, q: str = "") -> Any:
    round_ = _round(request, pk, "congress.tick_attendance")
    return [line.__dict__ for line in selectors.attendance_list(round_, q)]


@router.post("/rounds/{int:pk}/attendance", response=CheckInOut)
def tick(request: HttpRequest, pk: int, body: TickIn) -> Any:
    round_ = _round(request, pk, "congress.tick_attendance")
    user = selectors.user_by_pk(body.user_id) if body.user_id and 0 < body.user_id < 2**31 else None
    new = services.round_tick(actor=request.user, round_=round_, user=user)  # type: ignore[arg-type]
    return {
        "round_id": round_.pk,
        "checked_in": True,
        "new": new,
        "message": "签到成功。" if new else "该代表已签到，无需重复签到。",
    }


@router.delete("/rounds/{int:pk}/attendance/{int:user_id}", response=CheckInOut)
def untick(request: HttpRequest, pk: int, user_id: int) -> Any:
    round_ = _round(request, pk, "congress.tick_attendance")
    user = selectors.user_by_pk(user_id) if 0 < user_id < 2**31 else None
    removed = services.round_untick(actor=request.user, round_=round_, user=user)  # type: ignore[arg-type]
    return {
        "round_id": round_.pk,
        "checked_in": False,
        "new": removed,
        "message": "已撤销签到。" if removed else "该代表尚未签到。",
    }
