"""What the generator reads back from build_demo's province: per school, its union, a
union officer to act for it, its offices and its students."""

import bisect
import random
from dataclasses import dataclass, field

from tongxin.accounts.models import Membership, Role, User
from tongxin.orgs.models import Node, NodeKind
from tongxin.rights.models import IssueCategory
from tongxin.rights.seed import seed_categories


@dataclass
class SchoolWorld:
    school_id: int
    union_id: int
    officer_id: int | None
    union_label: str
    offices: list[int] = field(default_factory=list)
    students: list[tuple[int, int | None]] = field(default_factory=list)  # (user, college)


@dataclass
class World:
    schools: list[SchoolWorld]
    categories: list[tuple[int, bool]]
    cumulative: list[int]

    def pick_school(self, rng: random.Random) -> SchoolWorld:
        index = bisect.bisect_right(self.cumulative, rng.randrange(self.cumulative[-1]))
        return self.schools[index]


def _students() -> dict[int, list[tuple[int, int | None]]]:
    by_school: dict[int, list[tuple[int, int | None]]] = {}
    rows = (
        Membership.objects.active()
        .filter(role=Role.STUDENT)
        .order_by("user_id")
        .values_list("user_id", "school_id", "user__college_id")
    )
    for user_id, school_id, college_id in rows.iterator(chunk_size=10_000):
        by_school.setdefault(school_id, []).append((user_id, college_id))
    return by_school


def _officers() -> dict[int, int]:
    """One school-union officer per union node (the lowest id, for determinism)."""
    rows = (
        Membership.objects.active()
        .filter(role=Role.OFFICER, node__kind=NodeKind.SCHOOL_UNION)
        .order_by("-user_id")
        .values_list("node_id", "user_id")
    )
    return dict(rows)


def load_world() -> World:
    seed_categories(IssueCategory)
    students = _students()
    officers = _officers()
    offices: dict[int, list[int]] = {}
    for pk, school_id in (
        Node.objects.filter(kind=NodeKind.OFFICE).order_by("pk").values_list("pk", "school_id")
    ):
        offices.setdefault(school_id, []).append(pk)
    schools = []
    for union in Node.objects.filter(kind=NodeKind.SCHOOL_UNION).order_by("school_id"):
        school_id = union.school_id or 0
        if students.get(school_id):
            schools.append(
                SchoolWorld(
                    school_id,
                    union.pk,
                    officers.get(union.pk),
                    union.name[:80],
                    offices.get(school_id, []),
                    students[school_id],
                )
            )
    cumulative, total = [], 0
    for school in schools:
        total += len(school.students)
        cumulative.append(total)
    categories = list(
        IssueCategory.objects.filter(is_active=True).order_by("pk").values_list("pk", "is_urgent")
    )
    return World(schools, categories, cumulative)


def student_count() -> int:
    return User.objects.filter(school__isnull=False).count()
