"""Who may serve as an officer (DOMAIN.md §2), computed and explained.

- Political: 共青团员, 中共预备党员 or 中共党员.
- 本专科 students of 本科 and 高职 schools, except first-years: composite rank within the
  top 30 % of the major (rank ≤ floor(0.3 × n)) on at least one allowed window, and no
  failed course outstanding.
- Graduate students: no failed course outstanding.
- Secondary schools (中职, 普通高中): their own rule set, empty by default.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from tongxin.accounts.models import PoliticalStatus, StudentLevel, User
from tongxin.orgs.models import SECONDARY_SCHOOL_TYPES

from .calendar import academic_year_of
from .models import AcademicRecord, EligibilityPolicy, Window

ELIGIBLE_POLITICS = {
    PoliticalStatus.LEAGUE_MEMBER,
    PoliticalStatus.PROBATIONARY_PARTY,
    PoliticalStatus.PARTY_MEMBER,
}


@dataclass(frozen=True)
class Check:
    rule: str  # political / academic_rank / failed_courses / records
    passed: bool
    text: str  # may carry figures: show only to those who may see grades
    public_text: str  # without figures


@dataclass
class Eligibility:
    checks: list[Check] = field(default_factory=list)

    @property
    def meets(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]


def policy() -> EligibilityPolicy:
    found = EligibilityPolicy.objects.first()
    return (
        found
        if found is not None
        else EligibilityPolicy(windows=list(Window.values), top_share_percent=30)
    )


def meets_top_share(rank: int, cohort: int, percent: int) -> bool:
    """rank ≤ floor(percent% × cohort), in integers so 30 % of 100 is exactly 30."""
    return rank <= (cohort * percent) // 100


def _political(user: User) -> Check:
    ok = user.political_status in ELIGIBLE_POLITICS
    label = user.get_political_status_display() or "未填写"
    text = f"政治面貌：{label}" + ("" if ok else "，须为共青团员或中共（预备）党员")
    return Check("political", ok, text, "政治面貌符合要求" if ok else "政治面貌不符合要求")


def latest_records(user: User) -> list[AcademicRecord]:
    latest = (
        AcademicRecord.objects.filter(student=user)
        .order_by("-term")
        .values_list("term", flat=True)
        .first()
    )
    if latest is None:
        return []
    return list(AcademicRecord.objects.filter(student=user, term=latest))


def latest_records_by_user(
    user_ids: "Iterable[int] | QuerySet[Any]", up_to: str | None = None
) -> dict[int, list[AcademicRecord]]:
    """Each person's records of their latest term (up to and including `up_to`, when
    given), for many people in one query. A warning for a term is judged on that term's
    figures: with a later term already on file, the latest term's ranks would be copied
    into the earlier term's warning."""
    found: dict[int, list[AcademicRecord]] = {}
    # A queryset of ids stays a subquery: many thousands of officers at once, one query.
    rows = AcademicRecord.objects.filter(student_id__in=user_ids)
    if up_to is not None:
        rows = rows.filter(term__lte=up_to)
    rows = rows.order_by("student_id", "-term")
    for record in rows:
        mine = found.setdefault(record.student_id, [])
        if not mine or mine[0].term == record.term:
            mine.append(record)
    return found


def _failed(records: list[AcademicRecord]) -> Check:
    outstanding = max(r.failed_outstanding for r in records)
    ok = outstanding == 0
    text = "无未通过课程" if ok else f"有 {outstanding} 门课程未通过"
    return Check("failed_courses", ok, text, "无未通过课程" if ok else "有未通过课程")


def _rank(records: list[AcademicRecord], p: EligibilityPolicy) -> Check:
    allowed = [r for r in records if r.window in (p.windows or Window.values)]
    parts, ok = [], False
    for r in sorted(allowed, key=lambda r: list(Window.values).index(r.window)):
        meets = meets_top_share(r.rank, r.cohort_size, p.top_share_percent)
        ok = ok or meets
        verdict = "进入" if meets else "未进入"
        share = p.top_share_percent
        parts.append(
            f"{Window(r.window).label}第 {r.rank}/{r.cohort_size} 名，{verdict}前 {share}%"
        )
    if not parts:
        return Check("academic_rank", False, "没有可用的综合排名数据", "缺少成绩数据")
    return Check(
        "academic_rank",
        ok,
        "；".join(parts),
        "综合排名符合要求" if ok else f"综合排名未进入专业前 {p.top_share_percent}%",
    )


def _academic_applies(user: User, on: datetime.date, p: EligibilityPolicy) -> bool:
    school_type = user.school.school_type if user.school else ""
    if school_type in SECONDARY_SCHOOL_TYPES:
        return p.secondary_vocational_rules
    return True


def eligibility_of(user: User, on: datetime.date | None = None) -> Eligibility:
    return judge(user, latest_records(user), on=on or timezone.localdate(), rules=policy())


def eligibility_of_many(
    users: "Iterable[User]",
    *,
    on: datetime.date,
    up_to: str | None = None,
    user_ids: "QuerySet[Any] | None" = None,
) -> dict[int, Eligibility]:
    """Each person's eligibility on `on`, in two queries whatever their number (the policy
    and everyone's latest records, up to the term `up_to`): the rule itself is `judge`.
    `users` must have `school` loaded; `user_ids`, a queryset of the same people's ids,
    keeps the records' query a subquery when they are many."""
    people = list(users)
    rules = policy()
    ids = user_ids if user_ids is not None else [u.pk for u in people]
    records = latest_records_by_user(ids, up_to=up_to)
    return {u.pk: judge(u, records.get(u.pk, []), on=on, rules=rules) for u in people}


def judge(
    user: User, records: list[AcademicRecord], *, on: datetime.date, rules: EligibilityPolicy
) -> Eligibility:
    """The rule applied to `user` with their latest term's `records`, without queries (when
    `user.school` is loaded): the one place the rule is decided, for one person or many."""
    result = Eligibility(checks=[_political(user)])
    if not _academic_applies(user, on, rules):
        return result
    first_year = user.enrolment_year is not None and user.enrolment_year >= academic_year_of(on)
    graduate = user.level == StudentLevel.GRADUATE
    if first_year:  # no term finished yet: nothing to judge
        result.checks.append(
            Check("records", True, "一年级新生，暂不适用学业要求", "一年级新生，暂不适用学业要求")
        )
        return result
    if not records:
        result.checks.append(
            Check("records", False, "尚无成绩数据，无法判断学业要求", "缺少成绩数据")
        )
        return result
    result.checks.append(_failed(records))
    if not graduate:
        result.checks.append(_rank(records, rules))
    return result
