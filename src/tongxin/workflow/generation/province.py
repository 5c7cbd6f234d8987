"""A generated province as plain Python records: what the demo draws (tongxin.demo) and
what each app's generator (`<app>/generator.py`) reads.

Generating is split in two: the demo draws the province, its people and their posts from
one `random.Random(seed)` without touching the database (so the same seed always gives the
same codes, names and numbers, whatever ids the database hands out) and stores it in bulk;
the apps' generators then read the records and the `Written` map from keys to rows. Records
refer to each other by stable keys (a node's key, a person's username), never by database
ids. This module sits in the platform so that apps never import the demo.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from tongxin.orgs.models import Node

BATCH = 2000  # rows per bulk_create


@dataclass(slots=True)
class NodeSpec:
    key: str
    kind: str
    name: str
    parent: str | None
    depth: int
    code: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class PersonSpec:
    username: str
    real_name: str
    number: str = ""
    school: str | None = None  # node keys
    college: str | None = None
    klass: str | None = None
    major: str = ""
    enrolment_year: int | None = None
    level: str = ""
    political_status: str = ""
    phone: str = ""


@dataclass(slots=True)
class PostSpec:
    """One membership: `username` holds `role` (with `position`) at the node `node`."""

    username: str
    node: str
    role: str
    start: datetime.date
    position: str = ""
    end: datetime.date | None = None
    end_reason: str = ""
    department: str = ""  # an officer's department (its name in the union); presidium: none


@dataclass(slots=True)
class DepartmentSpec:
    union: str  # node key
    name: str


@dataclass
class ProvincePlan:
    seed: int
    academic_year: int  # the year the current academic year began (September)
    nodes: list[NodeSpec] = field(default_factory=list)
    people: list[PersonSpec] = field(default_factory=list)
    posts: list[PostSpec] = field(default_factory=list)
    departments: list[DepartmentSpec] = field(default_factory=list)


@dataclass(frozen=True)
class Written:
    """A plan once stored: the province's root and the database rows of the plan's keys."""

    province: Node
    nodes: int
    users: int
    memberships: int
    departments: int
    node_keys: dict[str, Node] = field(default_factory=dict)  # plan key → node
    user_ids: dict[str, int] = field(default_factory=dict)  # username → id


def academic_year_of(day: datetime.date) -> int:
    """Academic years start on 1 September."""
    return day.year if day.month >= 9 else day.year - 1


def allocate(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split `total` into integer shares proportional to `weights` (largest remainder),
    each share at least `minimum` when the total allows it. Deterministic."""
    if not weights:
        return []
    floor_each = minimum if total >= minimum * len(weights) else 0
    rest = total - floor_each * len(weights)
    weight_sum = sum(weights) or 1.0
    exact = [rest * w / weight_sum for w in weights]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[: rest - sum(shares)]:
        shares[i] += 1
    return [floor_each + share for share in shares]


def clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))
