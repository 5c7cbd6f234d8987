"""Who takes part in the demo's issues, read from the province plan (no database): each
school's students, each union's officers per term and each office's handlers.

Officers' terms follow the academic year (1 September to 31 August), so the officer who
handled an issue last spring is one of last year's officers, and today's are this year's.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Position, Role, StudentLevel
from tongxin.orgs.models import NodeKind
from tongxin.workflow.generation.province import ProvincePlan, academic_year_of


@dataclass(frozen=True, slots=True)
class Student:
    username: str
    name: str
    college: str | None
    graduate: bool
    enrolled: datetime.date


@dataclass(frozen=True, slots=True)
class Post:
    """An officer's or an office handler's seat; `senior` = presidium or office head."""

    username: str
    name: str
    senior: bool
    start: datetime.date
    end: datetime.date | None

    def holds_on(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(slots=True)
class SchoolCast:
    code: str
    city: str
    size: int  # real enrolment: issues spread by it
    union: str
    graduate_union: str | None = None
    offices: dict[str, str] = field(default_factory=dict)  # office kind → node key
    students: list[Student] = field(default_factory=list)

    def union_for(self, student: Student) -> str:
        """rights.services.route_union without category routes."""
        return self.graduate_union if student.graduate and self.graduate_union else self.union


@dataclass
class Cast:
    schools: list[SchoolCast] = field(default_factory=list)
    officers: dict[str, list[Post]] = field(default_factory=lambda: defaultdict(list))
    handlers: dict[str, list[Post]] = field(default_factory=lambda: defaultdict(list))
    school_union_of: dict[str, str] = field(default_factory=dict)  # union key → school union
    by_code: dict[str, SchoolCast] = field(default_factory=dict)
    _terms: dict[tuple[str, int], list[Post]] = field(default_factory=dict)

    def _seated(self, seats: dict[str, list[Post]], node: str, day: datetime.date) -> list[Post]:
        key = (node, academic_year_of(day))
        if key not in self._terms:
            posts = seats.get(node, [])
            self._terms[key] = [p for p in posts if p.holds_on(day)] or list(posts)
        return self._terms[key]

    def officer(
        self,
        rng: random.Random,
        union: str,
        day: datetime.date,
        *,
        senior: bool = False,
        avoid: str = "",
    ) -> Post:
        """An officer in post on `day` (a senior one if asked), not `avoid` if possible:
        nobody handles their own issue."""
        posts = self._seated(self.officers, union, day)
        if not posts and union in self.school_union_of:
            posts = self._seated(self.officers, self.school_union_of[union], day)
        if not posts:
            raise ValueError(f"union {union} has no officers")
        others = [p for p in posts if p.username != avoid] or posts
        seniors = [p for p in others if p.senior] if senior else []
        return rng.choice(seniors or others)

    def handler(self, rng: random.Random, office: str, day: datetime.date) -> Post:
        return rng.choice(self._seated(self.handlers, office, day))

    def keeps(self, post: Post, union: str, day: datetime.date) -> bool:
        """Whether `post` is still held on `day` (terms change on 1 September)."""
        return any(seated is post for seated in self._seated(self.officers, union, day))


def _schools(plan: ProvincePlan) -> dict[str, SchoolCast]:
    schools: dict[str, SchoolCast] = {}
    for node in plan.nodes:
        if node.kind == NodeKind.SCHOOL:
            size = int(node.attrs.get("student_count", 1000))
            schools[node.key] = SchoolCast(node.code, node.parent or "", size, "")
    for node in plan.nodes:
        school = schools.get(node.parent or "")  # the school's own unions and offices
        if school is None:
            continue
        if node.kind == NodeKind.SCHOOL_UNION:
            school.union = node.key
        elif node.kind == NodeKind.GRADUATE_UNION:
            school.graduate_union = node.key
        elif node.kind == NodeKind.OFFICE:
            school.offices[str(node.attrs["office_kind"])] = node.key
    return schools


def cast_of(plan: ProvincePlan) -> Cast:
    schools = _schools(plan)
    cast = Cast(schools=list(schools.values()), by_code=schools)
    names = {person.username: person.real_name for person in plan.people}
    for person in plan.people:
        if person.enrolment_year is not None and person.school in schools:
            graduate = person.level == StudentLevel.GRADUATE
            enrolled = datetime.date(person.enrolment_year, 9, 1)
            student = Student(person.username, person.real_name, person.college, graduate, enrolled)
            schools[person.school].students.append(student)
    for post in plan.posts:
        if post.role == Role.OFFICER:
            senior = post.position in PRESIDIUM_POSITIONS
            seats = cast.officers
        elif post.role == Role.OFFICE_HANDLER:
            senior, seats = post.position == Position.OFFICE_HEAD, cast.handlers
        else:
            continue
        seats[post.node].append(
            Post(post.username, names[post.username], senior, post.start, post.end)
        )
    for school in cast.schools:
        if school.graduate_union:
            cast.school_union_of[school.graduate_union] = school.union
    return cast
