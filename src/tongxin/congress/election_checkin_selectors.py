"""Reads of check-in and quorum (签到与法定人数): the round with what its pages show, the
delegates due to attend, who is present, the hall's status and a delegate's live rounds."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from tongxin.accounts.models import User

from .election_count import quorum_met
from .election_models import (
    Attendance,
    Election,
    ElectionMode,
    ElectionState,
    Round,
    RoundState,
    VoterRegister,
)
from .models import Delegate, DelegateListState

ROUND_RELATED = ("election__session__union", "school")
# The rounds a delegate sees on 我的选举: the hall is open, voting, or waiting to be counted.
MY_ROUND_STATES = (RoundState.CHECKIN, RoundState.VOTING, RoundState.CLOSED)


def round_by_pk(pk: int) -> Round | None:
    return Round.objects.select_related(*ROUND_RELATED).filter(pk=pk).first()


def due_delegates(round_: Round) -> QuerySet[Delegate]:
    """The delegates due to attend: the confirmed list of the election's session."""
    return Delegate.objects.filter(
        delegate_list__session_id=round_.election.session_id,
        delegate_list__state=DelegateListState.CONFIRMED,
    )


def due_count(round_: Round) -> int:
    return due_delegates(round_).values("user_id").distinct().count()


def present_count(round_: Round) -> int:
    return Attendance.objects.filter(round_id=round_.pk).count()


def is_due(round_: Round, user_id: int) -> bool:
    return due_delegates(round_).filter(user_id=user_id).exists()


def is_present(round_: Round, user_id: int) -> bool:
    return Attendance.objects.filter(round_id=round_.pk, user_id=user_id).exists()


@dataclass(frozen=True)
class HallStatus:
    due: int
    present: int
    quorum: bool
    state: str
    state_label: str


def hall_status(round_: Round) -> HallStatus:
    """应到 / 实到 now (or the snapshot once voting opened) and whether the quorum is met."""
    if round_.present_count is not None and round_.due_count is not None:
        due, present = round_.due_count, round_.present_count
    else:
        due, present = due_count(round_), present_count(round_)
    return HallStatus(
        due=due,
        present=present,
        quorum=quorum_met(present, due),
        state=round_.state,
        state_label=round_.get_state_display(),
    )


@dataclass(frozen=True)
class AttendanceLine:
    user_id: int
    name: str
    number: str
    unit: str
    present: bool
    method: str
    ticked_by: str


def attendance_list(round_: Round, query: str = "") -> list[AttendanceLine]:
    """Every delegate due, by unit then name, with whether (and how) they checked in;
    `query` filters by name or student number."""
    rows = (
        due_delegates(round_)
        .select_related("user", "unit")
        .order_by("unit__name", "user__real_name", "user_id")
    )
    query = (query or "").strip()[:40]
    if query:
        rows = rows.filter(Q(user__real_name__icontains=query) | Q(user__number__icontains=query))
    present = {
        a.user_id: a
        for a in Attendance.objects.filter(round_id=round_.pk).select_related("ticked_by")
    }
    seen: set[int] = set()
    lines = []
    for d in rows[:2000]:
        if d.user_id in seen:
            continue
        seen.add(d.user_id)
        a = present.get(d.user_id)
        lines.append(
            AttendanceLine(
                user_id=d.user_id,
                name=d.user.real_name,
                number=d.user.number,
                unit=d.unit.name,
                present=a is not None,
                method=a.get_method_display() if a else "",
                ticked_by=a.ticked_by.real_name if a and a.ticked_by else "",
            )
        )
    return lines


def user_by_pk(pk: int) -> User | None:
    return User.objects.filter(pk=pk).first()


def my_rounds(user: Any) -> QuerySet[Round]:
    """The live rounds of the elections whose session lists the user as a delegate, each
    with `me_present` and `me_voted`."""
    sessions = Delegate.objects.filter(
        user_id=user.pk, delegate_list__state=DelegateListState.CONFIRMED
    ).values("delegate_list__session_id")
    return (
        Round.objects.filter(election__session_id__in=sessions, state__in=MY_ROUND_STATES)
        .select_related(*ROUND_RELATED)
        .annotate(
            me_present=Exists(Attendance.objects.filter(round_id=OuterRef("pk"), user_id=user.pk)),
            me_voted=Exists(VoterRegister.objects.filter(round_id=OuterRef("pk"), user_id=user.pk)),
        )
        .order_by("-election__session_id", "election_id", "number")
    )


def my_waiting_rounds(user: Any) -> QuerySet[Round]:
    """The to-do: rounds in check-in the user has not checked in to, and electronic voting
    rounds the user checked in to and has not voted in (a paper ballot is cast in the hall)."""
    rows = my_rounds(user)
    return rows.filter(
        Q(state=RoundState.CHECKIN, me_present=False)
        | Q(state=RoundState.VOTING, mode=ElectionMode.ELECTRONIC, me_present=True, me_voted=False)
    )


def my_published(user: Any) -> QuerySet[Election]:
    """The published elections of the sessions that listed the user as a delegate."""
    sessions = Delegate.objects.filter(
        user_id=user.pk, delegate_list__state=DelegateListState.CONFIRMED
    ).values("delegate_list__session_id")
    return (
        Election.objects.filter(session_id__in=sessions, state=ElectionState.PUBLISHED)
        .select_related("session", "union")
        .order_by("-published_at", "-pk")
    )
