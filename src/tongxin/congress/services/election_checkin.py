"""Check-in and quorum (签到与法定人数) of an election's round.

    draft ── round_start_checkin (the advisor or the chief scrutineer) ──► check-in
    check-in ── round_check_in (a delegate with the hall's code, current or previous 30 s)
             | round_tick (a scrutineer or the advisor ticks a delegate off) ──► check-in
    check-in ── round_open (more than 2/3 of the delegates due present; the snapshot of
             应到 / 实到 kept, electronic ballots issued = present) ──► voting

A check-in does not move the round's version (the conductors' pages stay current) and
is idempotent: a delegate present once is never present twice (Attendance is unique per
round and delegate). Check-ins and the opening serialise on the round's row, so nobody
slips into the hall after the snapshot was taken.
"""

import datetime

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from tongxin.accounts.models import User
from tongxin.core.errors import DomainError
from tongxin.workflow.steps import save_step

from .. import election_checkin_selectors as selectors
from ..election_checkin import code_accepted
from ..election_count import quorum_met
from ..election_models import Attendance, AttendanceMethod, ElectionMode, Round, RoundState
from .election_common import load_round, record_election

ALREADY = "你已签到，无需重复签到。"
WRONG_CODE = "签到码不正确或已过期，请输入大屏幕上当前显示的 6 位签到码。"
GUESS_LIMIT = 10
GUESS_WINDOW_SECONDS = 600
TOO_MANY = "签到码输错次数过多，请 10 分钟后再试，或请监票人为你代为签到。"


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


@transaction.atomic
def round_start_checkin(
    *,
    actor: User,
    round_: Round,
    expected_version: int | None = None,
    now: datetime.datetime | None = None,
) -> Round:
    """Open the hall's check-in (签到) for the round."""
    fresh = load_round(actor, round_, "start-checkin", expected_version)
    fresh.state = RoundState.CHECKIN
    fresh.checkin_at = _now(now)
    save_step(fresh, "state", "checkin_at")
    record_election(
        actor, fresh, kind="checkin_started", data={"due_count": selectors.due_count(fresh)}
    )
    return fresh


def _attend(
    round_: Round, user: User, method: str, ticked_by: User | None, now: datetime.datetime
) -> Attendance | None:
    """The new attendance row, or None when the delegate was already present."""
    if Attendance.objects.filter(round_id=round_.pk, user_id=user.pk).exists():
        return None
    try:
        with transaction.atomic():
            return Attendance.objects.create(
                round=round_,
                school_id=round_.school_id,
                user=user,
                method=method,
                ticked_by=ticked_by,
                checked_in_at=now,
            )
    except IntegrityError:  # a simultaneous request of the same delegate won
        return None


def _guesses_key(round_: Round, user: User) -> str:
    return f"congress:checkin-guesses:{round_.pk}:{user.pk}"


def round_check_in(
    *, actor: User, round_: Round, code: str | None, now: datetime.datetime | None = None
) -> bool:
    """A delegate checks in with the hall's code. Returns False (no new row) when they were
    already checked in; a wrong or expired code is refused naming the field. After
    GUESS_LIMIT wrong codes in GUESS_WINDOW_SECONDS a delegate must wait (or be ticked by a
    scrutineer): six digits are not guessed from outside the hall."""
    key = _guesses_key(round_, actor)
    if (cache.get(key) or 0) >= GUESS_LIMIT:
        raise DomainError(TOO_MANY, field="code")
    try:
        return _check_in(actor=actor, round_=round_, code=code, now=_now(now))
    except DomainError as exc:
        if exc.message == WRONG_CODE:
            cache.add(key, 0, timeout=GUESS_WINDOW_SECONDS)
            try:
                cache.incr(key)
            except ValueError:  # expired in between
                cache.set(key, 1, timeout=GUESS_WINDOW_SECONDS)
        raise


@transaction.atomic
def _check_in(*, actor: User, round_: Round, code: str | None, now: datetime.datetime) -> bool:
    fresh = load_round(actor, round_, "check-in", None)
    if not (code or "").strip():
        raise DomainError("请输入签到码。", field="code")
    if not code_accepted(fresh, code or "", now):
        raise DomainError(WRONG_CODE, field="code")
    row = _attend(fresh, actor, AttendanceMethod.CODE, None, now)
    if row is None:
        return False
    record_election(
        actor,
        fresh,
        kind="checked_in",
        data={"attendee": actor.pk, "attendance_method": row.method},
    )
    return True


@transaction.atomic
def round_tick(
    *, actor: User, round_: Round, user: User | None, now: datetime.datetime | None = None
) -> bool:
    """A scrutineer or the advisor ticks a delegate present (代为签到). False when the
    delegate was already present."""
    now = _now(now)
    fresh = load_round(actor, round_, "tick", None)
    if user is None or not selectors.is_due(fresh, user.pk):
        raise DomainError("该同学不是本次代表大会的正式代表，不能签到。", field="user")
    row = _attend(fresh, user, AttendanceMethod.TELLER, actor, now)
    if row is None:
        return False
    record_election(
        actor, fresh, kind="ticked", data={"attendee": user.pk, "attendance_method": row.method}
    )
    return True


@transaction.atomic
def round_open(
    *,
    actor: User,
    round_: Round,
    expected_version: int | None = None,
    now: datetime.datetime | None = None,
) -> Round:
    """Open the voting: only with more than two thirds of the delegates due present. The
    attendance snapshot (应到, 实到) is kept on the round; an electronic round issues one
    ballot per delegate present (a paper round's issued ballots are entered apart)."""
    fresh = load_round(actor, round_, "open", expected_version)
    due = selectors.due_count(fresh)
    present = selectors.present_count(fresh)
    if not quorum_met(present, due):
        raise DomainError(
            f"实到 {present} 人，未超过应到 {due} 人的三分之二，不能开始投票。",
            field="present_count",
        )
    fresh.state = RoundState.VOTING
    fresh.due_count, fresh.present_count = due, present
    if fresh.mode == ElectionMode.ELECTRONIC:
        fresh.ballots_issued = present
    fresh.opened_at = _now(now)
    save_step(fresh, "state", "due_count", "present_count", "ballots_issued", "opened_at")
    record_election(
        actor,
        fresh,
        kind="opened",
        data={"due_count": due, "present_count": present, "ballots_issued": fresh.ballots_issued},
    )
    return fresh


@transaction.atomic
def round_untick(*, actor: User, round_: Round, user: User | None) -> bool:
    """A scrutineer or the advisor strikes a delegate off while the check-in lasts (ticked
    by mistake, or checked in with a code from outside the hall). False when the delegate
    was not present."""
    fresh = load_round(actor, round_, "tick", None)
    if user is None:
        raise DomainError("请选择要撤销签到的代表。", field="user")
    row = Attendance.objects.filter(round_id=fresh.pk, user_id=user.pk).first()
    if row is None:
        return False
    method = row.method
    row.delete()
    record_election(
        actor, fresh, kind="unticked", data={"attendee": user.pk, "attendance_method": method}
    )
    return True
