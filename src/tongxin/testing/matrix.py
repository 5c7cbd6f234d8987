"""The authorization matrix's vocabulary: the personas of the tiny province (province.py)
in groups, the Row of one page or endpoint, the Grant of one permission (with the selector
that lists its objects), and the gathering of every app's rows.

Each app lists its rows in `<app>/tests/matrix.py`: pages and endpoints as `ROWS`, permissions
as `GRANTS`. tests/test_authorization_matrix.py runs the rows against every persona and the
grants against every person of the province, and fails on a permission no grant names.
"""

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps

from .province import TinyProvince

SCHOOL_A = [
    "student_a",
    "officer_a",
    "college_officer_a1",
    "secretary_a1",
    "handler_a",
    "advisor_a",
]
FEDERATION = ["city_staff_1", "province_staff", "province_admin"]
# Federation staff over county 1 only: its school C, never school A (directly under city 1).
COUNTY = ["county_specialist"]
EVERYONE = SCHOOL_A + FEDERATION + COUNTY
OVER_COUNTY = [*FEDERATION, *COUNTY]  # everyone above school C

# Grants judge every person of the collecting test's world: the personas above, their
# siblings (college A2, school B, city 2), school C's student, and the people the world adds
# (two more officers of union A, a candidate on public notice, a handler of school A's
# academic office, the worker's system actor).
UNION_A = ["officer_a", "minister_a", "member_a"]
OFFICERS = [*UNION_A, "college_officer_a1", "college_officer_a2", "officer_b"]
STUDENTS_A = ["student_a", "student_a2", "candidate_a1"]
STUDENTS = [*STUDENTS_A, "student_b", "student_c"]
SECRETARIES = ["secretary_a1", "secretary_a2"]
HANDLERS_A = ["handler_a", "office_head_a", "academic_handler_a"]
ADVISORS = ["advisor_a", "advisor_b"]
FEDERATION_ALL = ["city_staff_1", "city_staff_2", "county_specialist", "province_staff"]
FEDERATION_ALL += ["province_admin"]
OVER_SCHOOL_A = ["city_staff_1", "province_staff", "province_admin"]
PEOPLE_A = [*STUDENTS_A, *UNION_A, "college_officer_a1", "college_officer_a2", *SECRETARIES]
PEOPLE_A += [*HANDLERS_A, "advisor_a"]
IN_SCHOOLS = [*STUDENTS, *OFFICERS, *SECRETARIES, *HANDLERS_A, *ADVISORS]
PEOPLE = [*IN_SCHOOLS, *FEDERATION_ALL, "system"]


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable[[TinyProvince], str]
    ok: list[str]  # personas that get 200
    forbidden: list[str]  # personas that get 403; everyone else gets 404
    method: str = "get"

    def expected(self, persona: str) -> int:
        if persona in self.ok:
            return 200
        return 403 if persona in self.forbidden else 404


def others(*allowed: str) -> list[str]:
    return [p for p in EVERYONE if p not in allowed]


@dataclass(frozen=True)
class Grant:
    """One permission judged by every person of the province (TinyProvince.people): exactly
    `ok` are allowed, on `target` (the object; None for a page's permission). With `listed`
    (a selector, called with actor=) and `among` (the objects it chooses from), the selector
    returns for every person exactly the objects of `among` the rule allows."""

    name: str
    perm: str
    target: Callable[[TinyProvince], Any] | None
    ok: list[str]
    listed: Callable[..., Iterable[Any]] | None = None
    among: Callable[[TinyProvince], Iterable[Any]] | None = None

    def __post_init__(self) -> None:
        if (self.listed is None) != (self.among is None):
            raise ValueError(f"grant {self.name!r}: a selector needs the objects it chooses from")


def gather_rows() -> list[Row]:
    """Every installed app's ROWS, in INSTALLED_APPS order."""
    return _gather("ROWS")


def gather_grants() -> list[Grant]:
    """Every installed app's GRANTS, in INSTALLED_APPS order."""
    return _gather("GRANTS")


def _gather(attribute: str) -> list[Any]:
    rows: list[Any] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("tongxin."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.matrix")
        except ModuleNotFoundError as exc:
            if exc.name not in {f"{config.name}.tests", f"{config.name}.tests.matrix"}:
                raise
            continue
        rows += getattr(module, attribute, [])
    names = [row.name for row in rows]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise ValueError(f"matrix {attribute} named twice: {sorted(duplicates)}")
    return rows
