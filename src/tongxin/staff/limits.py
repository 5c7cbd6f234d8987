"""The reform's limits on a union's size, read as data (StaffLimit) for the academic year.

School-level unions (校学生会, 研究生会) default to 40 staff (60 where the school has the
larger limit), a presidium of 5 and 6 departments; college unions have no limits unless
the province sets them. Counts come from active officer memberships and departments.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Membership, Role
from tongxin.orgs.models import Node, NodeKind

from .calendar import academic_year_of
from .models import Department, StaffLimit, UnionLevel

SCHOOL_DEFAULTS = {"max_staff": 40, "max_staff_large": 60, "max_presidium": 5, "max_departments": 6}


@dataclass(frozen=True)
class Limits:
    staff: int | None
    presidium: int | None
    departments: int | None


@dataclass(frozen=True)
class Counts:
    staff: int
    presidium: int
    departments: int


@dataclass(frozen=True)
class Breach:
    rule: str
    limit: int
    count: int
    message: str


def level_of(union: Node) -> str:
    return UnionLevel.COLLEGE if union.kind == NodeKind.COLLEGE_UNION else UnionLevel.SCHOOL


def limits_for(union: Node, on: datetime.date | None = None) -> Limits:
    large = union.school is not None and union.school.allows_large_staff
    return limits_at(level_of(union), large=large, on=on)


def limits_at(level: str, *, large: bool, on: datetime.date | None = None) -> Limits:
    """The limits of one union level (for a school with the larger limit or not)."""
    year = academic_year_of(on or timezone.localdate())
    row = (
        StaffLimit.objects.filter(level=level, academic_year__lte=year)
        .order_by("-academic_year")
        .first()
    )
    return _limits_from(level, row, large=large)


def limits_table(on: datetime.date | None = None) -> dict[tuple[str, bool], Limits]:
    """Every level's limits (with and without the larger staff limit) in force on `on`, in
    one query: for passes over many unions (the reform self-assessment)."""
    year = academic_year_of(on or timezone.localdate())
    latest: dict[str, StaffLimit] = {}
    for row in StaffLimit.objects.filter(academic_year__lte=year).order_by("academic_year"):
        latest[row.level] = row
    return {
        (level, large): _limits_from(level, latest.get(level), large=large)
        for level in UnionLevel.values
        for large in (False, True)
    }


def _limits_from(level: str, row: StaffLimit | None, *, large: bool) -> Limits:
    values = (
        {f: getattr(row, f) for f in SCHOOL_DEFAULTS}
        if row is not None
        else (SCHOOL_DEFAULTS if level == UnionLevel.SCHOOL else dict.fromkeys(SCHOOL_DEFAULTS))
    )
    staff = (
        values["max_staff_large"] if large and values["max_staff_large"] else values["max_staff"]
    )
    return Limits(
        staff=staff, presidium=values["max_presidium"], departments=values["max_departments"]
    )


def counts_for(union: Node) -> Counts:
    members = (
        Membership.objects.active()
        .filter(node=union, role=Role.OFFICER)
        .aggregate(
            staff=Count("id"), presidium=Count("id", filter=Q(position__in=PRESIDIUM_POSITIONS))
        )
    )
    departments = Department.objects.filter(union=union, is_active=True).count()
    return Counts(staff=members["staff"], presidium=members["presidium"], departments=departments)


LABELS = {"staff": "工作人员", "presidium": "主席团成员", "departments": "工作部门"}
UNITS = {"staff": "人", "presidium": "人", "departments": "个"}


def breaches(
    union: Node, counts: Counts | None = None, limits: Limits | None = None
) -> list[Breach]:
    """Limits the union exceeds now (after a limit changed, say): flagged, never fixed silently."""
    counts = counts or counts_for(union)
    limits = limits or limits_for(union)
    found = []
    for rule in ("staff", "presidium", "departments"):
        limit, count = getattr(limits, rule), getattr(counts, rule)
        if limit is not None and count > limit:
            found.append(Breach(rule, limit, count, _over(union, rule, limit, count)))
    return found


def _over(union: Node, rule: str, limit: int, count: int) -> str:
    return _("%(union)s%(what)s现有 %(count)d %(unit)s，超过上限 %(limit)d %(unit)s。") % {
        "union": union.name,
        "what": LABELS[rule],
        "count": count,
        "limit": limit,
        "unit": UNITS[rule],
    }


def refusal_if_full(union: Node, rule: str, counts: Counts, limits: Limits) -> str | None:
    """The message refusing one more member (or department), naming the limit and the count."""
    limit, count = getattr(limits, rule), getattr(counts, rule)
    if limit is None or count < limit:
        return None
    return _(
        "%(union)s%(what)s已有 %(count)d %(unit)s，已达上限 %(limit)d %(unit)s，不能再增加。"
    ) % {
        "union": union.name,
        "what": LABELS[rule],
        "count": count,
        "limit": limit,
        "unit": UNITS[rule],
    }
