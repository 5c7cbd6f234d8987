"""A paper round's printables (core/printables): the ballots (选票) — candidates in ballot
order with 赞成 / 不赞成 / 弃权 boxes, write-in rows when allowed, how to mark, the seats and
"多于应选名额的选票无效" — and the delegates' sign-in sheet (签到表) by unit with a signature
column. The caller has checked access (congress.print_round_papers)."""

from dataclasses import replace

from tongxin.core.errors import DomainError
from tongxin.core.printables import (
    DEMO_BANNER,
    Attendee,
    Ballot,
    CheckInSheet,
    ballot_pdf,
    checkin_pdf,
)
from tongxin.orgs.selectors import is_demo

from .election_models import Round, RoundKind
from .models import Delegate, DelegateListState

BALLOTS_PER_PAGE = 2  # two to an A4 page when they fit, else one


def _meeting(round_: Round) -> str:
    session = round_.election.session
    return f"{session.union.name}第{session.number}次学生代表大会"


def _round_label(round_: Round) -> str:
    if round_.number == 1 and round_.kind == RoundKind.FIRST:
        return ""
    return f"（第{round_.number}轮·{RoundKind(round_.kind).label}）"


def _delegates(round_: Round) -> list[Delegate]:
    return list(
        Delegate.objects.filter(
            delegate_list__session_id=round_.election.session_id,
            delegate_list__state=DelegateListState.CONFIRMED,
        )
        .select_related("user", "unit")
        .order_by("unit__name", "unit_id", "user__number")
    )


def ballot_instructions(seats: int, write_in: bool) -> tuple[str, ...]:
    write = ("如另选他人，请在“另选”行内写上其姓名，并在该行“赞成”栏内画“○”。",) if write_in else ()
    return (
        f"本次选举应选{seats}名。请在每位候选人姓名右侧的“赞成”“不赞成”“弃权”三栏中"
        "选择一栏画“○”，每位候选人只能画一个“○”。",
        *write,
        f"所投赞成票（含另选他人）多于应选名额（{seats}名）的选票无效。",
        "未画符号或符号无法辨认的，视为弃权。",
        "请用黑色或蓝色笔填写，写好后投入票箱。",
    )


def round_ballots(round_: Round) -> Ballot:
    """The round's ballot, one copy per delegate due (or per ballot issued, once known)."""
    election = round_.election
    tallies = round_.tallies.select_related("candidate__user").order_by(
        "candidate__order", "candidate_id"
    )
    names = tuple(t.candidate.user.real_name for t in tallies)
    write_in = round_.seats if election.write_ins_allowed else 0
    copies = round_.ballots_issued or len(_delegates(round_)) or 1
    return Ballot(
        title=f"{_meeting(round_)}{election.title}选举选票{_round_label(round_)}",
        seats=round_.seats,
        candidates=names,
        write_in=write_in,
        instructions=ballot_instructions(round_.seats, bool(write_in)),
        per_page=BALLOTS_PER_PAGE,
        copies=copies,
        banner=DEMO_BANNER if is_demo() else "",
    )


def round_ballot_pdf(round_: Round) -> bytes:
    ballot = round_ballots(round_)
    try:
        return ballot_pdf(ballot)
    except DomainError:  # too many candidates for half a page: one ballot to a page
        return ballot_pdf(replace(ballot, per_page=1))


def round_checkin_sheet(round_: Round) -> CheckInSheet:
    election = round_.election
    session = election.session
    when = f"{session.held_start:%Y年%-m月%-d日}" if session.held_start else ""
    subtitle = " · ".join(
        part for part in (when, session.place, f"{election.title}选举第{round_.number}轮") if part
    )
    return CheckInSheet(
        title=f"{_meeting(round_)}代表签到表",
        subtitle=subtitle,
        columns=("所在单位", "学号"),
        attendees=tuple(
            Attendee(d.user.real_name, (d.unit.name, d.user.number)) for d in _delegates(round_)
        ),
        banner=DEMO_BANNER if is_demo() else "",
    )


def round_checkin_pdf(round_: Round) -> bytes:
    return checkin_pdf(round_checkin_sheet(round_))
