"""Parsing a teller's count (the page's form and the API's body alike) into a PaperCount:
whole numbers, each bad one refused naming its field; write-ins named by student number.
The rules on the figures themselves are the service's (services/election_paper)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tongxin.core.errors import DomainError

from . import election_paper_selectors as selectors
from .election_models import Round, RoundTally
from .services.election_paper import MAX_BALLOTS, PaperCount

MAX_WRITE_IN_ROWS = 10


def whole(raw: Any, name: str, label: str, *, required: bool = False) -> int:
    """A whole number from a form or JSON value; empty is 0 unless required."""
    text = str(raw if raw is not None else "").strip()
    if not text:
        if required:
            raise DomainError(f"请填写{label}。", field=name)
        return 0
    if not text.isascii() or not text.isdigit() or len(text) > 6 or int(text) > MAX_BALLOTS:
        raise DomainError(f"{label}应为 0 到 {MAX_BALLOTS} 之间的整数。", field=name)
    return int(text)


@dataclass
class TypedEntry:
    """What the teller typed, to show again beside a message (strings as typed)."""

    values: dict[str, str] = field(default_factory=dict)
    write_ins: list[tuple[str, str]] = field(default_factory=list)


def typed_from_post(post: Mapping[str, Any], tallies: list[RoundTally], rows: int) -> TypedEntry:
    names = ["ballots_returned", "blank_ballots", "void_ballots"]
    for t in tallies:
        names += [f"yes_{t.candidate_id}", f"no_{t.candidate_id}", f"abstain_{t.candidate_id}"]
    typed = TypedEntry({n: str(post.get(n, ""))[:12] for n in names})
    for i in range(1, min(rows, MAX_WRITE_IN_ROWS) + 1):
        typed.write_ins.append(
            (
                str(post.get(f"write_in_number_{i}", ""))[:32],
                str(post.get(f"write_in_yes_{i}", ""))[:12],
            )
        )
    return typed


def paper_count(round_: Round, tallies: list[RoundTally], typed: TypedEntry) -> PaperCount:
    """The PaperCount the typed values say (DomainError naming the field otherwise)."""
    get: Callable[[str], str] = lambda n: typed.values.get(n, "")  # noqa: E731
    returned = whole(get("ballots_returned"), "ballots_returned", "收回选票", required=True)
    blank = whole(get("blank_ballots"), "blank_ballots", "空白票")
    void = whole(get("void_ballots"), "void_ballots", "无效票")
    counts = {}
    for t in tallies:
        name = t.candidate.user.real_name
        counts[t.candidate_id] = (
            whole(get(f"yes_{t.candidate_id}"), f"count_{t.candidate_id}", f"{name}的赞成票"),
            whole(get(f"no_{t.candidate_id}"), f"count_{t.candidate_id}", f"{name}的不赞成票"),
            whole(get(f"abstain_{t.candidate_id}"), f"count_{t.candidate_id}", f"{name}的弃权票"),
        )
    filled = [(n.strip(), y) for n, y in typed.write_ins if n.strip() or str(y).strip()]
    if len(filled) > MAX_WRITE_IN_ROWS:
        raise DomainError(f"另选他人最多录入 {MAX_WRITE_IN_ROWS} 人。", field="write_ins")
    found = selectors.students_by_number(round_, [n for n, _ in filled if n])
    write_ins = []
    for number, yes in filled:
        if not number:
            raise DomainError("另选他人请填写被选人的学号。", field="write_ins")
        if number not in found:
            raise DomainError(f"学号 {number} 不是本校学生。", field="write_ins")
        write_ins.append((found[number], whole(yes, "write_ins", f"学号 {number} 的得票")))
    return PaperCount(
        ballots_returned=returned,
        blank=blank,
        void=void,
        counts=counts,
        write_ins=write_ins,
    )
