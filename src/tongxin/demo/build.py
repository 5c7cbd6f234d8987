"""`build_demo()`: the fictional province 演示省, built once per database.

    no province ──build_demo()──► demo province (is_demo) ──build_demo()──► unchanged
    a real province ──build_demo()──► refused (DemoRefused), nothing written

The plan is drawn from the seed alone (generate.py), then written directly through the
ORM in bulk (writer.py) rather than through per-row services: the build is one audited
action, "demo.province.generated" with its counts, recorded inside the build transaction.
Every demo account shares one password, hashed once. A year of rights issues follows
(tongxin.rights.generator), ending at midnight before `today`, and is folded into
the statistics' rollups (statistics.py).
"""

import datetime
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from tongxin.accounts.models import Role, User
from tongxin.accounts.roles import FEDERATION_ROLES
from tongxin.accounts.services import system_actor
from tongxin.assessment.generator import write_assessments
from tongxin.audit import services as audit
from tongxin.audit.models import AuditEvent
from tongxin.congress.generator import write_congress
from tongxin.core.errors import DomainError
from tongxin.imports.writing import full_sqlite_batches
from tongxin.orgs.models import Node, NodeKind
from tongxin.orgs.selectors import forget_demo_flag
from tongxin.reform.generator import write_reform
from tongxin.rights.generator import DEFAULT_ISSUES_PER_STUDENT, Personas, plan_issues, write_issues
from tongxin.selection.generator import write_candidacies
from tongxin.staff.generator import write_grades
from tongxin.training.generator import write_training
from tongxin.workdays.calendar import local_zone

from .clock import BuildDay, build_day
from .generate import DEFAULT_SEED, plan_province
from .logins import DemoLogin, demo_logins, demo_province, first_school
from .notices import write_notices
from .plan import DemoScale, ProvincePlan
from .statistics import fold_statistics
from .writer import Written, write_plan

PASSWORD = "tongxin-demo-2026"
GENERATED = "demo.province.generated"  # the one audit event of a build
SCHOOL_STAFF_ROLES = {Role.ADVISOR, Role.COLLEGE_SECRETARY, Role.OFFICE_HANDLER}


class DemoRefused(DomainError):
    """The database holds data the demo must not mix with."""


@dataclass(frozen=True)
class DemoResult:
    created: bool
    seed: int | None
    logins: list[DemoLogin]
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def plan_counts(plan: ProvincePlan) -> dict[str, int]:
    kinds = Counter(node.kind for node in plan.nodes)
    roles = Counter(post.role for post in plan.posts if post.end is None)
    unions = (NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION, NodeKind.COLLEGE_UNION)
    return {
        "cities": kinds[NodeKind.CITY],
        "counties": kinds[NodeKind.COUNTY],
        "schools": kinds[NodeKind.SCHOOL],
        "colleges": kinds[NodeKind.COLLEGE],
        "classes": kinds[NodeKind.CLASS],
        "unions": sum(kinds[kind] for kind in unions),
        "offices": kinds[NodeKind.OFFICE],
        "users": len(plan.people),
        "students": roles[Role.STUDENT],
        "officers": roles[Role.OFFICER],
        "past_officer_terms": sum(1 for post in plan.posts if post.end is not None),
        "school_staff": sum(roles[role] for role in SCHOOL_STAFF_ROLES),
        "federation_staff": sum(roles[role] for role in FEDERATION_ROLES),
        "memberships": len(plan.posts),
        "departments": len(plan.departments),
    }


def _check_scale(scale: DemoScale, issues: int) -> None:
    if not 1 <= scale.cities <= scale.schools or scale.students < 4 * scale.schools:
        raise DomainError("演示规模无效：至少 1 个市，学校数不少于市的个数，每校至少 4 名学生。")
    if issues < 0:
        raise DomainError("演示规模无效：权益诉求数不能为负数。")


def personas_of(logins: list[DemoLogin]) -> Personas | None:
    """The printed student, union officer and office handler, as plan usernames."""
    by_role = {
        login.role: User.school_username(login.school_code, login.login)
        for login in logins
        if login.school_code
    }
    roles = (Role.STUDENT, Role.OFFICER, Role.OFFICE_HANDLER)
    if not all(role in by_role for role in roles):
        return None
    return Personas(*(by_role[role] for role in roles))


def write_staff_stories(
    province: Node,
    logins: list[DemoLogin],
    plan: ProvincePlan,
    written: Written,
    day: BuildDay,
) -> dict[str, int]:
    """Assessment rounds everywhere; in the first school an open round (the printed student
    among its raters, opened at the build's moment) and candidacies walked through
    selection."""
    today = day.today
    school = first_school(province)
    printed = {login.login for login in logins if school and login.school_code == school.code}
    student = next(
        (
            User.objects.get(username=User.school_username(login.school_code, login.login))
            for login in logins
            if login.role == Role.STUDENT and school and login.school_code == school.code
        ),
        None,
    )
    counts = write_assessments(plan, written, today, school, student, opened_at=day.now())
    return counts | write_candidacies(school, today, printed)


def write_year_of_issues(
    plan: ProvincePlan, written: Written, logins: list[DemoLogin], today: datetime.date, count: int
) -> dict[str, int]:
    """A year of issues, up to midnight before `today` (SQLite at its real parameter limit,
    as the Excel import writes)."""
    until = datetime.datetime.combine(today, datetime.time(0), tzinfo=local_zone())
    issues = plan_issues(plan, count=count, until=until, personas=personas_of(logins))
    with full_sqlite_batches():
        return write_issues(
            issues, nodes=written.node_keys, users=written.user_ids, system_id=system_actor().pk
        )


def _refuse_foreign_data(plan: ProvincePlan) -> None:
    province = Node.objects.filter(kind=NodeKind.PROVINCE).order_by("pk").first()
    if province is not None:
        raise DemoRefused(
            f"数据库中已有非演示的省学联“{province.name}”，不能在其中生成演示数据。"
            "请改用一个空数据库（例如另设 TONGXIN_DATA_DIR 或 DATABASE_URL）。"
        )
    codes = [node.code for node in plan.nodes if node.kind == NodeKind.SCHOOL]
    usernames = [person.username for person in plan.people if person.school is None]
    if (
        Node.objects.filter(kind=NodeKind.SCHOOL, code__in=codes).exists()
        or User.objects.filter(username__in=usernames).exists()
    ):
        raise DemoRefused("演示数据要用的学校代码或学联用户名已被占用，请改用一个空数据库。")


def _existing(province: Node, started: float) -> DemoResult:
    event = (
        AuditEvent.objects.filter(action=GENERATED, target_id=str(province.pk))
        .order_by("-id")
        .first()
    )
    data: dict[str, Any] = dict(event.data) if event else {}
    seed = data.pop("seed", None)
    data.pop("academic_year", None)
    counts = {key: value for key, value in data.items() if isinstance(value, int)}
    logins = demo_logins(province)
    return DemoResult(False, seed, logins, counts, time.monotonic() - started)


def build_demo(
    *,
    seed: int = DEFAULT_SEED,
    cities: int = 11,
    schools: int = 140,
    students: int = 20_000,
    today: datetime.date | None = None,
    issues: int | None = None,
) -> DemoResult:
    """Build 演示省 unless it exists (then return its logins, writing nothing). `issues`
    defaults to 1.25 per student (25,000 for the full province)."""
    started = time.monotonic()
    scale = DemoScale(cities=cities, schools=schools, students=students)
    count = round(students * DEFAULT_ISSUES_PER_STUDENT) if issues is None else issues
    _check_scale(scale, count)
    with transaction.atomic():
        existing = demo_province()
        if existing is not None:
            return _existing(existing, started)
        day = build_day(today)
        today = day.today
        plan = plan_province(seed=seed, scale=scale, today=today)
        _refuse_foreign_data(plan)
        written = write_plan(plan, password_hash=make_password(PASSWORD))
        logins = demo_logins(written.province)
        counts = plan_counts(plan) | {"notifications": write_notices(logins, now=day.now())}
        counts |= write_grades(plan, written, today)
        counts |= write_training(plan, written, today)
        counts |= write_staff_stories(written.province, logins, plan, written, day)
        counts |= write_congress(plan, written, day, logins)
        counts |= write_reform(written, day, logins)
        if count:
            counts |= write_year_of_issues(plan, written, logins, today, count)
            fold_statistics(day.now())
        audit.record(
            actor=system_actor(),
            action="demo.province.generated",
            target=written.province,
            data={"seed": seed, "academic_year": plan.academic_year, **counts},
        )
    forget_demo_flag()
    return DemoResult(True, seed, logins, counts, time.monotonic() - started)
