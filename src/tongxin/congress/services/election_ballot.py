"""Electronic ballots (选票) and closing a round: a checked-in delegate votes once, in
secret; the conductor closes the round, which seals and counts it.

    voting ── ballot_cast (a checked-in delegate, once) ──► voting
        one transaction: the round's row locked, then its tally rows (by id) ──► the voter
        register row (round, delegate: unique) ──► per-candidate 赞成/不赞成/弃权 and
        write-ins added with F() ──► the round's ballots_cast (+ blank_ballots)
    voting ── round_close (the advisor or the chief scrutineer) ──►
        electronic: sealed (tally rows rewritten shuffled) and counted (decide_round)
        paper: closed (the tellers enter the counts, election_paper)

Secrecy (DESIGN.md "Anonymity that holds in the database"): no ballot row exists; a cast
adds to counters and writes the register row, nothing else. It does NOT bump the round's
version (conductors' pages would go stale at every vote) and writes NO audit event and NO
log line: a round's counts are audited in aggregate when it is counted. Before close the
last voter's transaction is visible in the tally rows' system columns (PostgreSQL xmin);
sealing rewrites every tally and write-in row of the round in a shuffled order with new
ids in the closing transaction, so afterwards neither xmin/ctid, nor SQLite's rowid, nor
an id tells which voter's transaction last touched which count.
"""

import datetime
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tongxin.accounts.models import Membership, User
from tongxin.accounts.roles import STUDENT_ROLES
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.workflow.steps import lock, save_step

from ..election_machine import ROUND
from ..election_models import (
    ElectionMode,
    Round,
    RoundState,
    RoundTally,
    RoundWriteIn,
    VoterRegister,
)
from .election_common import ROUND_RELATED, decide_round, load_round, record_election

YES, NO, ABSTAIN = "yes", "no", "abstain"
CHOICES = (YES, NO, ABSTAIN)
CHOICE_LABELS = {YES: "赞成", NO: "不赞成", ABSTAIN: "弃权"}
ALREADY_VOTED = "你已投过票，每位代表每轮只能投一次。"
WRITE_IN_MAX = 32  # a student number's length (accounts.User.number)


def _clean_choices(choices: Mapping[Any, Any] | None) -> dict[int, str]:
    """{candidate id: choice}; a candidate left out abstains."""
    cleaned: dict[int, str] = {}
    for key, value in (choices or {}).items():
        try:
            candidate_id = int(str(key))
        except ValueError as exc:
            raise DomainError("选票上没有这位候选人，请刷新页面后重投。", field="choices") from exc
        if value in (None, ""):
            value = ABSTAIN
        if value not in CHOICES:
            raise DomainError("每位候选人只能选择赞成、不赞成或弃权。", field="choices")
        cleaned[candidate_id] = str(value)
    return cleaned


def _clean_numbers(write_ins: Sequence[Any] | None) -> list[str]:
    numbers: list[str] = []
    for raw in write_ins or []:
        number = str(raw or "").strip()
        if not number:
            continue
        if len(number) > WRITE_IN_MAX:
            raise DomainError(f"另选他人的学号不能超过 {WRITE_IN_MAX} 个字符。", field="write_ins")
        if number in numbers:
            raise DomainError(f"另选他人中学号 {number} 填写了两次。", field="write_ins")
        numbers.append(number)
    return numbers


def _over_seats(yes: int, seats: int) -> DomainError:
    return DomainError(
        f"赞成票（含另选他人）共 {yes} 票，多于本轮应选名额 {seats} 名，"
        "这样的选票无效。请减少赞成票后再投。",
        field="choices",
    )


def check_ballot(
    round_: Round, choices: Mapping[Any, Any] | None, write_ins: Sequence[Any] | None
) -> tuple[dict[int, str], list[str]]:
    """What can be judged without the database: the choices' values, the write-ins'
    form, and more 赞成 than the round's seats (refused before anything is written)."""
    cleaned = _clean_choices(choices)
    numbers = _clean_numbers(write_ins)
    yes = sum(1 for c in cleaned.values() if c == YES) + len(numbers)
    if yes > round_.seats:
        raise _over_seats(yes, round_.seats)
    return cleaned, numbers


def _students_by_number(round_: Round, numbers: list[str], on_ballot: set[int]) -> list[int]:
    """The users written in: each a current student of the round's school, not already a
    candidate on this ballot."""
    if not numbers:
        return []
    if not round_.election.write_ins_allowed:
        raise DomainError("本次选举不允许另选他人。", field="write_ins")
    today = timezone.localdate()
    # By login name ("<school code>:<number>", unique and indexed), in the round's school.
    names = [User.school_username(round_.school.code, n) for n in numbers]
    found = dict(
        User.objects.filter(username__in=names, school_id=round_.school_id, is_active=True)
        .filter(
            pk__in=Membership.objects.active(today)
            .filter(school_id=round_.school_id, role__in=STUDENT_ROLES)
            .values("user_id")
        )
        .values_list("number", "pk")
    )
    user_ids = []
    for number in numbers:
        user_id = found.get(number)
        if user_id is None:
            raise DomainError(f"另选他人：本校没有学号为 {number} 的在校学生。", field="write_ins")
        if user_id in on_ballot:
            raise DomainError(
                f"另选他人：学号 {number} 的同学已是本轮候选人，请直接在其名下选择赞成。",
                field="write_ins",
            )
        user_ids.append(user_id)
    return user_ids


def ballot_cast(
    *,
    actor: User,
    round_: Round,
    choices: Mapping[Any, Any] | None,
    write_ins: Sequence[Any] | None = (),
) -> Round:
    """Cast the actor's ballot in `round_` (voting; the actor a checked-in delegate who has
    not voted): `choices` {candidate id: "yes" | "no" | "abstain"} (a candidate left out
    abstains), `write_ins` the student numbers of people not on the ballot (each a 赞成).
    More 赞成 than the round's seats is refused before anything is written. Returns the
    round (its counters are not shown to voters)."""
    authorize(actor, "congress.vote", round_)
    if round_.mode != ElectionMode.ELECTRONIC:
        raise DomainError("本轮使用纸质选票，请在会场填写纸质选票。", field="round")
    cleaned, numbers = check_ballot(round_, choices, write_ins)
    try:
        with transaction.atomic():
            return _cast(actor, round_, cleaned, numbers)
    except IntegrityError as exc:  # the register's unique row: a request that slipped by
        raise DomainError(ALREADY_VOTED, field="round") from exc


def _cast(actor: User, round_: Round, cleaned: dict[int, str], numbers: list[str]) -> Round:
    # Lock order, the same in every writer of a round's counts: the round's row, then its
    # tally rows by id (round_close takes the round's row first too). The permission was
    # checked by the caller (it does not depend on the round's row).
    fresh = lock(round_, None, related=ROUND_RELATED)
    ROUND.require(fresh, "vote")
    if VoterRegister.objects.filter(round_id=fresh.pk, user_id=actor.pk).exists():
        raise DomainError(ALREADY_VOTED, field="round")
    tallies = list(
        RoundTally.objects.select_for_update()
        .filter(round_id=fresh.pk)
        .order_by("id")
        .values_list("id", "candidate_id")
    )
    on_ballot = {candidate_id for _, candidate_id in tallies}
    unknown = set(cleaned) - on_ballot
    if unknown:
        raise DomainError("选票上没有这位候选人，请刷新页面后重投。", field="choices")
    on_ballot_users = set(
        fresh.election.candidates.filter(pk__in=on_ballot).values_list("user_id", flat=True)
    )
    written = _students_by_number(fresh, numbers, on_ballot_users)

    VoterRegister.objects.create(round_id=fresh.pk, school_id=fresh.school_id, user_id=actor.pk)
    by_choice: dict[str, list[int]] = {YES: [], NO: [], ABSTAIN: []}
    for tally_id, candidate_id in tallies:
        by_choice[cleaned.get(candidate_id, ABSTAIN)].append(tally_id)
    for choice, ids in by_choice.items():
        if ids:
            RoundTally.objects.filter(pk__in=ids).update(**{choice: F(choice) + 1})
    for user_id in sorted(written):
        added = RoundWriteIn.objects.filter(round_id=fresh.pk, user_id=user_id).update(
            yes=F("yes") + 1
        )
        if not added:
            RoundWriteIn.objects.create(
                round_id=fresh.pk, school_id=fresh.school_id, user_id=user_id, yes=1
            )
    blank = not written and not by_choice[YES] and not by_choice[NO]
    Round.objects.filter(pk=fresh.pk).update(
        ballots_cast=F("ballots_cast") + 1,
        blank_ballots=F("blank_ballots") + (1 if blank else 0),
    )
    return fresh


def has_voted(user: User, round_: Round) -> bool:
    return VoterRegister.objects.filter(round_id=round_.pk, user_id=user.pk).exists()


# ---------------------------------------------------------------- closing and sealing


def seal(round_: Round) -> None:
    """Rewrite the round's tally and write-in rows in a random order with new ids, in the
    caller's (closing) transaction: their system columns and ids then tell nothing of the
    voters' transactions or of the order in which the counts were last changed."""
    rng = secrets.SystemRandom()
    tallies = list(RoundTally.objects.select_for_update().filter(round_id=round_.pk).order_by("id"))
    write_ins = list(
        RoundWriteIn.objects.select_for_update().filter(round_id=round_.pk).order_by("id")
    )
    rng.shuffle(tallies)
    rng.shuffle(write_ins)
    RoundTally.objects.filter(round_id=round_.pk).delete()
    RoundWriteIn.objects.filter(round_id=round_.pk).delete()
    RoundTally.objects.bulk_create(
        RoundTally(
            round_id=t.round_id,
            school_id=t.school_id,
            candidate_id=t.candidate_id,
            yes=t.yes,
            no=t.no,
            abstain=t.abstain,
            outcome=t.outcome,
        )
        for t in tallies
    )
    RoundWriteIn.objects.bulk_create(
        RoundWriteIn(
            round_id=w.round_id,
            school_id=w.school_id,
            user_id=w.user_id,
            yes=w.yes,
            outcome=w.outcome,
        )
        for w in write_ins
    )


@transaction.atomic
def round_close(
    *,
    actor: User,
    round_: Round,
    expected_version: int | None = None,
    now: datetime.datetime | None = None,
) -> Round:
    """Close a round's voting. Electronic: sealed and counted at once (decide_round: the
    round COUNTED, then a run-off / further round in draft, or the election done). Paper:
    CLOSED, the tellers enter the counts."""
    now = now or timezone.now()
    fresh = load_round(actor, round_, "close", expected_version)
    fresh.state = RoundState.CLOSED
    fresh.closed_at = now
    save_step(fresh, "state", "closed_at")
    record_election(
        actor,
        fresh,
        kind="closed",
        data={
            "mode": fresh.mode,
            "present_count": fresh.present_count,
            "ballots_cast": fresh.ballots_cast,
            "blank_ballots": fresh.blank_ballots,
        },
    )
    if fresh.mode == ElectionMode.ELECTRONIC:
        seal(fresh)
        decide_round(fresh, now=now)
    return fresh
