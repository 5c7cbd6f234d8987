"""The checks a delegate list passes before its notice (DOMAIN.md §4), and its mix.

    rules_problems(facts, rule) ──► (blocking, warnings)
        blocking: seats filled unit by unit; non-officers ≥ rule.non_officer_min_percent
        warning:  candidates ≥ rule.candidate_ratio_percent × seats where an election was held
    composition_of(delegate_list) ──► Composition: the facts, both lists, the mix by gender,
        year and political status beside the represented students' own (shown, not checked)

The rule functions are pure; `composition_of` reads in a fixed number of queries.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import Gender, PoliticalStatus

from .models import CongressRule, DelegateList, DelegateListState


@dataclass(frozen=True)
class UnitFill:
    unit: str
    seats: int
    entered: int


@dataclass(frozen=True)
class Facts:
    seats: int
    units: list[UnitFill]
    entered: int
    officers: int
    election_held: bool
    candidates: int | None


def non_officer_percent(entered: int, officers: int) -> float:
    return 100.0 * (entered - officers) / entered if entered else 0.0


def rules_problems(facts: Facts, rule: CongressRule) -> tuple[list[str], list[str]]:
    """(blocking problems, warnings) in Chinese."""
    blocking: list[str] = []
    warnings: list[str] = []
    if facts.entered != facts.seats:
        blocking.append(
            _("代表名额共 %(seats)d 名，已录入 %(n)d 名。")
            % {"seats": facts.seats, "n": facts.entered}
        )
    for unit in facts.units:
        if unit.entered != unit.seats:
            blocking.append(
                _("%(unit)s名额 %(seats)d 名，已录入 %(n)d 名。")
                % {"unit": unit.unit, "seats": unit.seats, "n": unit.entered}
            )
    least = rule.non_officer_min_percent
    if facts.entered and (facts.entered - facts.officers) * 100 < least * facts.entered:
        blocking.append(
            _(
                "非学生会工作人员代表应不少于 %(least)d%%：现有代表 %(n)d 名，"
                "其中学生会工作人员 %(o)d 名，非工作人员仅占 %(p).1f%%。"
            )
            % {
                "least": least,
                "n": facts.entered,
                "o": facts.officers,
                "p": non_officer_percent(facts.entered, facts.officers),
            }
        )
    if facts.election_held:
        ratio = rule.candidate_ratio_percent
        needed = -(-facts.seats * ratio // 100)  # ceil
        if facts.candidates is None:
            warnings.append(_("未填写候选人数，无法核对差额比例。"))
        elif facts.candidates < needed:
            warnings.append(
                _("差额选举的候选人应不少于名额的 %(r)d%%（%(need)d 人），现为 %(c)d 人。")
                % {"r": ratio, "need": needed, "c": facts.candidates}
            )
    return blocking, warnings


@dataclass(frozen=True)
class MixRow:
    label: str
    delegates: int
    delegates_percent: float
    students: int
    students_percent: float


@dataclass
class Composition:
    facts: Facts
    blocking: list[str]
    warnings: list[str]
    mix: dict[str, list[MixRow]] = field(default_factory=dict)

    @property
    def non_officer_percent(self) -> float:
        return non_officer_percent(self.facts.entered, self.facts.officers)

    @property
    def ok(self) -> bool:
        return not self.blocking


MIX_TITLES = {
    "gender": "性别",
    "enrolment_year": "年级（入学年份）",
    "political_status": "政治面貌",
}
UNKNOWN = "未填写"


def _labels(key: str) -> dict[Any, str]:
    if key == "gender":
        return {value: str(label) for value, label in Gender.choices}
    if key == "political_status":
        return {value: str(label) for value, label in PoliticalStatus.choices}
    return {}


def mix_rows(key: str, delegates: Counter[Any], students: Counter[Any]) -> list[MixRow]:
    """One table: each value's count and share among delegates and among the students."""
    labels = _labels(key)
    values = sorted(set(delegates) | set(students), key=lambda v: (v in ("", None), str(v)))
    d_total, s_total = sum(delegates.values()), sum(students.values())
    rows = []
    for value in values:
        label = labels.get(value) or (str(value) if value not in ("", None) else UNKNOWN)
        d, s = delegates.get(value, 0), students.get(value, 0)
        rows.append(
            MixRow(
                label,
                d,
                100.0 * d / d_total if d_total else 0.0,
                s,
                100.0 * s / s_total if s_total else 0.0,
            )
        )
    return rows


def _counter(rows: Iterable[dict[str, Any]], key: str) -> Counter[Any]:
    return Counter({row[key]: row["n"] for row in rows})


def composition_of(delegate_list: DelegateList, *, on: datetime.date | None = None) -> Composition:
    """The list's facts, checks and mix. While a draft, officers are counted as of `on`
    (today); once submitted, the snapshot taken at submission counts."""
    from .delegate_selectors import officer_ids, represented, rule_for

    union, session = delegate_list.union, delegate_list.session
    rule = rule_for(delegate_list.session.line.level)
    members: list[dict[str, Any]] = [
        dict(row)
        for row in delegate_list.members.values(
            "user_id",
            "unit_id",
            "is_officer",
            "user__gender",
            "user__enrolment_year",
            "user__political_status",
        )
    ]
    quotas = list(delegate_list.quotas.select_related("unit").order_by("unit__name", "unit_id"))
    if delegate_list.state == DelegateListState.DRAFT:
        officers = officer_ids([m["user_id"] for m in members], on or timezone.localdate())
        officer_count = len(officers)
    else:
        officer_count = sum(1 for m in members if m["is_officer"])
    per_unit = Counter(m["unit_id"] for m in members)
    facts = Facts(
        seats=session.delegate_seats or sum(q.seats for q in quotas),
        units=[UnitFill(q.unit.name, q.seats, per_unit.get(q.unit_id, 0)) for q in quotas],
        entered=len(members),
        officers=officer_count,
        election_held=delegate_list.election_held,
        candidates=delegate_list.candidates,
    )
    blocking, warnings = rules_problems(facts, rule)
    students = represented(union)
    mix = {}
    for key in MIX_TITLES:
        mine = Counter(m[f"user__{key}"] for m in members)
        theirs = _counter(students.values(key).annotate(n=Count("pk")).order_by(key), key)
        mix[key] = mix_rows(key, mine, theirs)
    return Composition(facts, blocking, warnings, mix)
