"""Union rosters: this year's officers and last year's, whose term has ended.

Every roster keeps DOMAIN.md §2: a school-level union (and the graduate union) has a
presidium of at most 5 (one 主席 plus 副主席s), at most 6 departments (one 部长 each, a
副部长 in departments of four or more, the rest 干事) and at most 40 staff in all; a college
union is smaller (presidium ≤ 3, ≤ 4 departments, ≤ 20 staff). Officers are students of the
school who keep their student membership, and every one of them is a League or Party member.
Each minister heads a department of their own, named from the union's catalogue; the
vice-minister and members below follow into it.

A few unions break a limit on purpose, as real ones do after a limit changes, so that the
flag shows: the first school's union has one department too many, and about one school in
thirty has a sixth presidium member. Those draws come from a stream of their own, so the
rest of the province stays the same draw for draw.
"""

import datetime
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Position, Role

from .naming import ELIGIBLE_STATUSES, OFFICER_MIX, Namer
from .people import SchoolPeople, september
from .plan import DepartmentSpec, PersonSpec, PostSpec, ProvincePlan, allocate
from .schools import SchoolSpec

TERM_ENDED = "任期届满"
SENIOR_POSITIONS = {*PRESIDIUM_POSITIONS, Position.MINISTER, Position.VICE_MINISTER}
SCHOOL_DEPARTMENTS = (
    "综合事务部",
    "权益服务部",
    "学习部",
    "文艺体育部",
    "社会实践部",
    "新媒体宣传部",
    "生活服务部",  # a seventh: only the union over its department limit has it
)
GRADUATE_DEPARTMENTS = (
    "综合事务部",
    "学术科创部",
    "权益服务部",
    "文艺体育部",
    "实践就业部",
    "宣传部",
)
COLLEGE_DEPARTMENTS = ("综合事务部", "学习部", "权益服务部", "文体部")
PRESIDIUM_BREACH_SHARE = 1 / 30


@dataclass(frozen=True)
class UnionShape:
    presidium: int
    departments: int
    staff: int
    share: tuple[float, float]  # the part of the available students who serve
    department_names: tuple[str, ...]


SCHOOL_UNION = UnionShape(5, 6, 40, (0.15, 0.22), SCHOOL_DEPARTMENTS)
GRADUATE_UNION = UnionShape(5, 6, 25, (0.35, 0.45), GRADUATE_DEPARTMENTS)
COLLEGE_UNION = UnionShape(3, 4, 20, (0.25, 0.35), COLLEGE_DEPARTMENTS)


@dataclass(frozen=True)
class Term:
    start: datetime.date
    end: datetime.date | None = None
    end_reason: str = ""


def roster_positions(size: int, shape: UnionShape) -> list[str]:
    """Positions for a union of `size` officers: presidium first, then each department."""
    size = min(size, shape.staff)
    if size <= 0:
        return []
    presidium = min(shape.presidium, size, 1 + (size + 2) // 8)
    positions = [Position.PRESIDENT] + [Position.VICE_PRESIDENT] * (presidium - 1)
    rest = size - presidium
    departments = min(shape.departments, math.ceil(rest / 6))
    for members in allocate(rest, [1.0] * departments):
        vice = 1 if members >= 4 else 0
        positions += [Position.MINISTER] + [Position.VICE_MINISTER] * vice
        positions += [Position.MEMBER] * (members - 1 - vice)
    return [str(p) for p in positions]


def department_names(positions: list[str], shape: UnionShape) -> list[str]:
    """The department of each position: each minister opens the next one ("" for the
    presidium, which belongs to none)."""
    names, opened = [], 0
    for position in positions:
        if position == Position.MINISTER:
            opened += 1
        seated = position not in PRESIDIUM_POSITIONS and opened
        names.append(shape.department_names[opened - 1] if seated else "")
    return names


def roster_size(rng: random.Random, students: int, shape: UnionShape) -> int:
    """A share of the union's students, at most the limit, always leaving one plain student."""
    wanted = round(students * rng.uniform(*shape.share))
    return max(0, min(shape.staff, wanted, students - 1))


class Pool:
    """Candidates, seniors apart: the presidium and ministers come from the middle years."""

    def __init__(
        self, rng: random.Random, people: Iterable[PersonSpec], senior_years: set[int]
    ) -> None:
        shuffled = list(people)
        rng.shuffle(shuffled)
        self.senior = [p for p in shuffled if p.enrolment_year in senior_years]
        self.other = [p for p in shuffled if p.enrolment_year not in senior_years]

    def __len__(self) -> int:
        return len(self.senior) + len(self.other)

    def take(self, senior: bool) -> PersonSpec:
        first, second = (self.senior, self.other) if senior else (self.other, self.senior)
        return (first or second).pop()


def staff_union(
    namer: Namer,
    plan: ProvincePlan,
    union: str,
    pool: Pool,
    positions: list[str],
    term: Term,
    shape: UnionShape,
) -> list[PersonSpec]:
    """Seat one officer per position; returns the officers (made League/Party members)."""
    officers = []
    seated = positions[: len(pool)]
    for position, department in zip(seated, department_names(seated, shape), strict=True):
        person = pool.take(senior=position in SENIOR_POSITIONS)
        if person.political_status not in ELIGIBLE_STATUSES:
            person.political_status = namer.status(OFFICER_MIX)
        plan.posts.append(
            PostSpec(
                person.username,
                union,
                Role.OFFICER,
                term.start,
                position=position,
                end=term.end,
                end_reason=term.end_reason,
                department=department,
            )
        )
        officers.append(person)
    return officers


def plan_departments(
    plan: ProvincePlan, posts: list[PostSpec], union: str, shape: UnionShape, at_least: int = 0
) -> None:
    """A department for every name the union's officers (of any term, among `posts`) were
    seated in, in catalogue order, padded with empty ones up to `at_least` (for a breach)."""
    used = {post.department for post in posts if post.node == union and post.department}
    names = [name for name in shape.department_names if name in used]
    names += [name for name in shape.department_names if name not in used][
        : max(0, at_least - len(names))
    ]
    plan.departments += [DepartmentSpec(union, name) for name in names]


def _break_presidium_limit(posts: list[PostSpec], union: str, shape: UnionShape) -> None:
    """Promote plain members (keeping one) to 副主席 until the presidium is one over its limit."""
    posts = [post for post in posts if post.node == union and post.end is None]
    presidium = sum(1 for post in posts if post.position in PRESIDIUM_POSITIONS)
    members = [post for post in posts if post.position == Position.MEMBER][1:]
    while presidium <= shape.presidium and members:
        post = members.pop()
        post.position, post.department = str(Position.VICE_PRESIDENT), ""
        presidium += 1


def _current(namer: Namer, plan: ProvincePlan, school: SchoolSpec, people: SchoolPeople) -> None:
    rng, year = namer.rng, plan.academic_year
    term = Term(september(year))
    seniors = {year - 1, year - 2}
    everyone = people.all_undergraduates()
    positions = roster_positions(roster_size(rng, len(everyone), SCHOOL_UNION), SCHOOL_UNION)
    pool = Pool(rng, everyone, seniors)
    officers = staff_union(namer, plan, school.union_key, pool, positions, term, SCHOOL_UNION)
    taken = {officer.username for officer in officers}
    if school.graduate_union_key and people.graduates:
        size = roster_size(rng, len(people.graduates), GRADUATE_UNION)
        pool = Pool(rng, people.graduates, {year - 1})
        positions = roster_positions(size, GRADUATE_UNION)
        staff_union(namer, plan, school.graduate_union_key, pool, positions, term, GRADUATE_UNION)
    for college in school.colleges:
        students = people.undergraduates[college.key]
        free = [p for p in students if p.username not in taken]
        size = min(roster_size(rng, len(students), COLLEGE_UNION), len(free) - 1)
        positions = roster_positions(size, COLLEGE_UNION)
        pool = Pool(rng, free, seniors)
        staff_union(namer, plan, college.union_key, pool, positions, term, COLLEGE_UNION)


def _last_year(namer: Namer, plan: ProvincePlan, school: SchoolSpec, people: SchoolPeople) -> None:
    """Last year's school and graduate unions in full, and each college union's presidium."""
    rng, year = namer.rng, plan.academic_year
    term = Term(september(year - 1), datetime.date(year, 8, 31), TERM_ENDED)
    seniors = {year - 2, year - 3}

    def enrolled(group: list[PersonSpec]) -> list[PersonSpec]:
        return [p for p in group if p.enrolment_year is not None and p.enrolment_year < year]

    unions = [(school.union_key, people.all_undergraduates(), SCHOOL_UNION, False)]
    if school.graduate_union_key:
        unions.append((school.graduate_union_key, people.graduates, GRADUATE_UNION, False))
    for college in school.colleges:
        unions.append((college.union_key, people.undergraduates[college.key], COLLEGE_UNION, True))
    for union, group, shape, presidium_only in unions:
        candidates = enrolled(group)
        positions = roster_positions(roster_size(rng, len(group), shape), shape)
        if presidium_only:
            positions = [p for p in positions if p in PRESIDIUM_POSITIONS]
        staff_union(namer, plan, union, Pool(rng, candidates, seniors), positions, term, shape)


def plan_officers(
    namer: Namer, plan: ProvincePlan, school: SchoolSpec, people: SchoolPeople
) -> None:
    first_school, mark = not plan.departments, len(plan.posts)
    _current(namer, plan, school, people)
    _last_year(namer, plan, school, people)
    posts = plan.posts[mark:]
    side = random.Random(f"{plan.seed}/{school.code}/limits")
    if not first_school and side.random() < PRESIDIUM_BREACH_SHARE:
        _break_presidium_limit(posts, school.union_key, SCHOOL_UNION)
    breach = SCHOOL_UNION.departments + 1 if first_school else 0
    plan_departments(plan, posts, school.union_key, SCHOOL_UNION, at_least=breach)
    if school.graduate_union_key:
        plan_departments(plan, posts, school.graduate_union_key, GRADUATE_UNION)
    for college in school.colleges:
        plan_departments(plan, posts, college.union_key, COLLEGE_UNION)
