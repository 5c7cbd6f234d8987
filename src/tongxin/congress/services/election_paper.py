"""Paper rounds (纸质选票): the ballots issued, then the tellers' counts (计票人录入).

    voting ── ballots-issued (the advisor or the chief scrutineer: issued ≤ present) ──► voting
    closed ── count_entry_save (a scrutineer; one entry each, re-entry replaces one's own)
        ├─ no other entry yet ──────────────────────────────────► closed
        ├─ another teller's entry differs ── recount asked (audited) ──► closed
        └─ another teller's entry is the same ──► copied into the round's tallies
             ├─ more ballots returned than issued ──► void, and a new round of the same
             │   kind and seats in draft (audited)
             └─ otherwise ── decide_round ──► counted (run-off / further round / done)

A teller enters what the ballots say in aggregate: returned, blank and void ballots, per
candidate 赞成 / 不赞成 / 弃权, and the people written in with their 赞成. No ballot is ever
stored, so a paper round holds no more about a voter than an electronic one.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from tongxin.accounts.models import User
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.workflow.steps import lock, require_state, save_step

from ..election_models import (
    ElectionCandidate,
    ElectionMode,
    Round,
    RoundState,
    RoundTally,
    RoundWriteIn,
    TellerCount,
    TellerEntry,
)
from .election_common import (
    ROUND_RELATED,
    decide_round,
    load_round,
    new_round,
    record_election,
)

MAX_BALLOTS = 100_000  # more than any hall holds: a typing slip, not a count


@dataclass(frozen=True)
class PaperCount:
    """One teller's count of a paper round. `counts`: candidate (ElectionCandidate pk) →
    (赞成, 不赞成, 弃权); `write_ins`: (a student written in, their 赞成)."""

    ballots_returned: int
    blank: int = 0
    void: int = 0
    counts: dict[int, tuple[int, int, int]] = field(default_factory=dict)
    write_ins: Sequence[tuple[User, int]] = ()

    @property
    def valid(self) -> int:
        return self.ballots_returned - self.blank - self.void


def _require_paper(round_: Round) -> None:
    if round_.mode != ElectionMode.PAPER:
        raise DomainError("本轮为电子投票，无需录入计票结果或发出选票数。", field="mode")


@transaction.atomic
def round_ballots_issued(
    *, actor: User, round_: Round, issued: int, expected_version: int | None
) -> Round:
    """The ballots handed out in the hall (发出选票), while a paper round is voting: at most
    one per delegate present."""
    authorize(actor, "congress.conduct_round", round_)
    round_ = lock(round_, expected_version, related=ROUND_RELATED)
    require_state(round_, (RoundState.VOTING,), action="登记发出选票数", attr="state")
    _require_paper(round_)
    present = round_.present_count or 0
    if issued < 0:
        raise DomainError("发出选票数不能为负数。", field="ballots_issued")
    if issued > present:
        raise DomainError(
            f"发出选票数（{issued}）不能多于实到代表（{present} 人）。", field="ballots_issued"
        )
    round_.ballots_issued = issued
    save_step(round_, "ballots_issued")
    record_election(actor, round_, kind="ballots_issued", data={"paper_issued": issued})
    return round_


# ---------------------------------------------------------------- validation


def _check_totals(entry: PaperCount) -> None:
    for name, label, value in (
        ("ballots_returned", "收回选票", entry.ballots_returned),
        ("blank_ballots", "空白票", entry.blank),
        ("void_ballots", "无效票", entry.void),
    ):
        if not 0 <= value <= MAX_BALLOTS:
            raise DomainError(f"{label}应为 0 到 {MAX_BALLOTS} 之间的整数。", field=name)
    if entry.blank + entry.void > entry.ballots_returned:
        raise DomainError(
            f"空白票与无效票之和（{entry.blank + entry.void}）不能多于收回选票"
            f"（{entry.ballots_returned}）。",
            field="blank_ballots",
        )


def _check_counts(entry: PaperCount, tallies: list[RoundTally]) -> None:
    known = {t.candidate_id: t for t in tallies}
    unknown = set(entry.counts) - set(known)
    if unknown:
        raise DomainError("录入的候选人不在本轮选票上，请刷新页面后重试。", field="counts")
    for t in tallies:
        name = t.candidate.user.real_name
        values = entry.counts.get(t.candidate_id, (0, 0, 0))
        if any(v < 0 or v > MAX_BALLOTS for v in values):
            raise DomainError(f"候选人{name}的票数应为非负整数。", field=f"count_{t.candidate_id}")
        if sum(values) > entry.valid:
            raise DomainError(
                f"候选人{name}的赞成、不赞成、弃权之和（{sum(values)}）不能多于有效选票"
                f"（{entry.valid}：收回选票减空白票和无效票）。",
                field=f"count_{t.candidate_id}",
            )


def _check_write_ins(entry: PaperCount, round_: Round, tallies: list[RoundTally]) -> None:
    if not entry.write_ins:
        return
    if not round_.election.write_ins_allowed:
        raise DomainError("本次选举不允许另选他人。", field="write_ins")
    on_ballot = {t.candidate.user_id for t in tallies}
    seen: set[int] = set()
    for user, yes in entry.write_ins:
        label = f"另选他人{user.real_name}（{user.number}）"
        if (
            user.school_id != round_.school_id
            or user.college_id is None
            or user.enrolment_year is None
        ):
            raise DomainError(f"{label}不是本校学生。", field="write_ins")
        if user.pk in on_ballot:
            raise DomainError(f"{label}已是本轮候选人，请计入其赞成票。", field="write_ins")
        if user.pk in seen:
            raise DomainError(f"{label}重复录入，请合并为一行。", field="write_ins")
        seen.add(user.pk)
        if not 1 <= yes <= max(entry.valid, 0):
            raise DomainError(
                f"{label}的得票应在 1 到有效选票（{entry.valid}）之间。", field="write_ins"
            )


def _check_seats(entry: PaperCount, round_: Round) -> None:
    """A valid ballot carries at most `seats` 赞成: more is a void ballot, not a count."""
    yes = sum(v[0] for v in entry.counts.values()) + sum(y for _, y in entry.write_ins)
    if yes > entry.valid * round_.seats:
        raise DomainError(
            f"赞成票合计（{yes}）多于有效选票（{entry.valid}）乘以应选名额（{round_.seats}），"
            "多于应选名额的选票应计为无效票。",
            field="counts",
        )


# ---------------------------------------------------------------- entries


def _store(actor: User, round_: Round, entry: PaperCount, tallies: list[RoundTally]) -> TellerEntry:
    """The teller's entry, replacing their earlier one."""
    TellerEntry.objects.filter(round=round_, teller=actor).delete()
    stored = TellerEntry.objects.create(
        round=round_,
        school_id=round_.school_id,
        teller=actor,
        ballots_returned=entry.ballots_returned,
        blank_ballots=entry.blank,
        void_ballots=entry.void,
    )
    rows = [
        TellerCount(
            entry=stored,
            school_id=round_.school_id,
            candidate_id=t.candidate_id,
            yes=entry.counts.get(t.candidate_id, (0, 0, 0))[0],
            no=entry.counts.get(t.candidate_id, (0, 0, 0))[1],
            abstain=entry.counts.get(t.candidate_id, (0, 0, 0))[2],
        )
        for t in tallies
    ]
    rows += [
        TellerCount(entry=stored, school_id=round_.school_id, write_in=user, yes=yes)
        for user, yes in entry.write_ins
    ]
    TellerCount.objects.bulk_create(rows)
    return stored


Key = tuple[str, int]


def entry_figures(entry: TellerEntry) -> dict[Key, tuple[int, ...]]:
    """What an entry says, comparable with another's: the totals and every count."""
    figures: dict[Key, tuple[int, ...]] = {
        ("total", 0): (entry.ballots_returned, entry.blank_ballots, entry.void_ballots)
    }
    for c in entry.counts.all():
        if c.candidate_id is not None:
            figures[("candidate", c.candidate_id)] = (c.yes, c.no, c.abstain)
        else:
            figures[("write_in", c.write_in_id or 0)] = (c.yes,)
    return figures


def differences(a: TellerEntry, b: TellerEntry) -> list[Key]:
    """Where two entries differ (empty: they agree exactly)."""
    fa, fb = entry_figures(a), entry_figures(b)
    return sorted(k for k in fa.keys() | fb.keys() if fa.get(k) != fb.get(k))


def _difference_labels(keys: list[Key], round_: Round) -> list[str]:
    names = dict(
        ElectionCandidate.objects.filter(election_id=round_.election_id).values_list(
            "pk", "user__real_name"
        )
    )
    writers = dict(
        User.objects.filter(pk__in=[k for t, k in keys if t == "write_in"]).values_list(
            "pk", "real_name"
        )
    )
    labels = []
    for kind, pk in keys:
        if kind == "total":
            labels.append("收回、空白、无效选票数")
        elif kind == "candidate":
            labels.append(f"候选人{names.get(pk, pk)}")
        else:
            labels.append(f"另选他人{writers.get(pk, pk)}")
    return labels


def _apply(round_: Round, agreed: TellerEntry) -> None:
    """Copy the agreed entry into the round's tallies, write-ins and counters."""
    counts = list(agreed.counts.all())
    by_candidate = {c.candidate_id: c for c in counts if c.candidate_id is not None}
    tallies = list(round_.tallies.all())
    for t in tallies:
        c = by_candidate.get(t.candidate_id)
        t.yes, t.no, t.abstain = (c.yes, c.no, c.abstain) if c else (0, 0, 0)
    RoundTally.objects.bulk_update(tallies, ["yes", "no", "abstain"])
    RoundWriteIn.objects.filter(round=round_).delete()
    RoundWriteIn.objects.bulk_create(
        RoundWriteIn(round=round_, school_id=round_.school_id, user_id=c.write_in_id, yes=c.yes)
        for c in counts
        if c.write_in_id is not None
    )
    round_.ballots_cast = agreed.ballots_returned
    round_.blank_ballots = agreed.blank_ballots
    round_.void_ballots = agreed.void_ballots
    save_step(round_, "ballots_cast", "blank_ballots", "void_ballots")


def _void(actor: User, round_: Round, agreed: TellerEntry, issued: int) -> Round:
    """More ballots returned than issued: the round is void and is held again."""
    reason = f"收回选票 {agreed.ballots_returned} 张，多于发出选票 {issued} 张，本轮选举无效。"
    round_.state = RoundState.VOID
    round_.void_reason = reason
    round_.ballots_cast = agreed.ballots_returned
    round_.counted_at = timezone.now()
    save_step(round_, "state", "void_reason", "ballots_cast", "counted_at")
    candidates = [t.candidate for t in round_.tallies.select_related("candidate").order_by("id")]
    again = new_round(round_.election, kind=round_.kind, seats=round_.seats, candidates=candidates)
    record_election(
        actor,
        round_,
        kind="voided",
        data={"paper_void_reason": reason, "paper_next_round": again.number},
    )
    return round_


def _entry_data(entry: PaperCount) -> dict[str, Any]:
    return {
        "paper_returned": entry.ballots_returned,
        "paper_blank": entry.blank,
        "paper_void": entry.void,
        "paper_counts": {str(k): list(v) for k, v in sorted(entry.counts.items())},
        "paper_write_ins": {str(u.pk): yes for u, yes in entry.write_ins},
    }


@transaction.atomic
def count_entry_save(
    *, actor: User, round_: Round, entry: PaperCount, expected_version: int | None = None
) -> Round:
    """A scrutineer's count of a closed paper round. The second teller's equal entry
    counts the round (or voids it when more ballots came back than were issued); unequal
    entries are both kept and a recount is asked for."""
    round_ = load_round(actor, round_, "enter-count", expected_version)
    _require_paper(round_)
    tallies = list(round_.tallies.select_related("candidate__user").order_by("id"))
    _check_totals(entry)
    _check_counts(entry, tallies)
    _check_write_ins(entry, round_, tallies)
    _check_seats(entry, round_)
    mine = _store(actor, round_, entry, tallies)
    record_election(actor, round_, kind="count_entered", data=_entry_data(entry))
    others = list(
        TellerEntry.objects.filter(round=round_).exclude(pk=mine.pk).prefetch_related("counts")
    )
    if not others:
        return round_
    agreed = next((o for o in others if not differences(mine, o)), None)
    if agreed is None:
        keys = differences(mine, others[0])
        record_election(
            actor,
            round_,
            kind="count_mismatched",
            data={"paper_differences": _difference_labels(keys, round_)},
        )
        return round_
    issued = round_.ballots_issued if round_.ballots_issued is not None else round_.present_count
    if mine.ballots_returned > (issued or 0):
        return _void(actor, round_, mine, issued or 0)
    _apply(round_, mine)
    decide_round(round_)
    return round_
