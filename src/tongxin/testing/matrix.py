"""The authorization matrix's vocabulary: the personas of the tiny province (province.py)
in groups, the Row of one page or endpoint, and the gathering of every app's rows.

Each app lists its rows in `<app>/tests/matrix.py` as `ROWS`; tests/test_authorization_matrix.py
runs them all against every persona.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass

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


def gather_rows() -> list[Row]:
    """Every installed app's ROWS, in INSTALLED_APPS order."""
    rows: list[Row] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("tongxin."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.matrix")
        except ModuleNotFoundError as exc:
            if exc.name not in {f"{config.name}.tests", f"{config.name}.tests.matrix"}:
                raise
            continue
        rows += module.ROWS
    names = [row.name for row in rows]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise ValueError(f"matrix rows named twice: {sorted(duplicates)}")
    return rows
