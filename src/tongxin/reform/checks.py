"""One function per computed indicator (models.Check): a union's facts in, the verdict and
the facts shown beside it out. Pure: no queries (facts.py gathers everything first)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tongxin.accounts.models import PRESIDIUM_POSITIONS, UNION_POSITIONS

from .facts import UnionFacts
from .models import Check

# Structure: presidium plus departments only — no standing centres or offices (DOMAIN.md §1).
FORBIDDEN_UNIT_WORDS = ("中心", "办公室")
ACADEMIC_RULES = {"academic_rank", "failed_courses", "records"}


@dataclass(frozen=True)
class Verdict:
    passed: bool | None  # None: cannot be computed from what Tongxin holds
    facts: dict[str, Any] = field(default_factory=dict)
    remark: str = ""


def _limit(count: int, limit: int | None, unit: str, **extra: Any) -> Verdict:
    facts = {"count": count, "limit": limit, **extra}
    remark = f"实有 {count} {unit}"
    if limit is None:
        return Verdict(True, facts, remark + "（未设上限）")
    return Verdict(count <= limit, facts, remark)


def staff_limit(f: UnionFacts) -> Verdict:
    return _limit(len(f.officers), f.limits.staff, "人", large=f.large)


def presidium_limit(f: UnionFacts) -> Verdict:
    count = sum(1 for o in f.officers if o.position in PRESIDIUM_POSITIONS)
    return _limit(count, f.limits.presidium, "人")


def department_limit(f: UnionFacts) -> Verdict:
    return _limit(len(f.departments), f.limits.departments, "个", names=f.departments)


def structure(f: UnionFacts) -> Verdict:
    bad = [n for n in f.departments if any(word in n for word in FORBIDDEN_UNIT_WORDS)]
    facts = {"count": len(f.departments), "names": f.departments, "not_departments": bad}
    remark = f"实有 {len(f.departments)} 个部门" + (f"，设有{'、'.join(bad)}" if bad else "")
    return Verdict(not bad, facts, remark)


def positions(f: UnionFacts) -> Verdict:
    bad = [
        {"name": o.name, "position": o.position_label}
        for o in f.officers
        if o.position not in UNION_POSITIONS
    ]
    remark = "无规定以外的职务" if not bad else f"{len(bad)} 人职务不在规定之列"
    return Verdict(not bad, {"officers": len(f.officers), "other_positions": bad}, remark)


def _failing(f: UnionFacts, rules: set[str]) -> tuple[list[int], list[int]]:
    """Memberships failing one of `rules`, and those whose data is missing (records)."""
    failed: list[int] = []
    missing: list[int] = []
    for o in f.officers:
        if o.eligibility is None:
            continue
        for c in o.eligibility.failed:
            if c.rule not in rules:
                continue
            (missing if c.rule == "records" else failed).append(o.membership_id)
            break
    return failed, missing


def political(f: UnionFacts) -> Verdict:
    failed, _missing = _failing(f, {"political"})
    facts = {"officers": len(f.officers), "failed": len(failed), "membership_ids": failed}
    remark = f"{len(f.officers)} 人均符合" if not failed else f"{len(failed)} 人不符合"
    return Verdict(not failed, facts, remark)


def academic(f: UnionFacts) -> Verdict:
    failed, missing = _failing(f, ACADEMIC_RULES)
    facts = {
        "officers": len(f.officers),
        "failed": len(failed),
        "missing": len(missing),
        "membership_ids": failed,
    }
    if failed:
        return Verdict(False, facts, f"{len(failed)} 人不符合学业要求")
    if missing:
        return Verdict(None, facts, f"{len(missing)} 人缺少成绩数据，无法计算")
    return Verdict(True, facts, f"{len(f.officers)} 人均符合")


def selection_path(f: UnionFacts) -> Verdict:
    without = [o.membership_id for o in f.officers if not o.selected]
    facts = {"officers": len(f.officers), "without_record": len(without), "membership_ids": without}
    if without:
        return Verdict(False, facts, f"{len(without)} 人无选拔记录")
    return Verdict(True, facts, f"{len(f.officers)} 人均有选拔记录")


def presidium_elected(f: UnionFacts) -> Verdict:
    elected = f.presidium_elected
    if elected is None:
        return Verdict(None, {"elected": None}, "平台内无代表大会记录")
    return Verdict(
        elected, {"elected": elected}, "由代表大会选举产生" if elected else "未经代表大会选举"
    )


def congress_on_schedule(f: UnionFacts) -> Verdict:
    s = f.schedule
    if s is None or s.due_on is None:
        return Verdict(None, {"last_held_on": None, "due_on": None}, "平台内无代表大会记录")
    held = s.last_held_on.isoformat() if s.last_held_on else None
    facts = {"last_held_on": held, "due_on": s.due_on.isoformat(), "on_schedule": s.on_schedule}
    remark = f"召开时间：{held}" if held else "尚未召开"
    return Verdict(s.on_schedule, facts, remark)


CHECKS: dict[str, Callable[[UnionFacts], Verdict]] = {
    Check.STAFF_LIMIT: staff_limit,
    Check.PRESIDIUM_LIMIT: presidium_limit,
    Check.DEPARTMENT_LIMIT: department_limit,
    Check.STRUCTURE: structure,
    Check.POSITIONS: positions,
    Check.POLITICAL: political,
    Check.ACADEMIC: academic,
    Check.SELECTION_PATH: selection_path,
    Check.PRESIDIUM_ELECTED: presidium_elected,
    Check.CONGRESS_ON_SCHEDULE: congress_on_schedule,
}
