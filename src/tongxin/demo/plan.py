"""The demo province's size; its records live in the platform (tongxin.workflow.generation
.province) because every app's generator reads them and no app imports the demo."""

from dataclasses import dataclass

from tongxin.workflow.generation.province import (
    DepartmentSpec,
    NodeSpec,
    PersonSpec,
    PostSpec,
    ProvincePlan,
    academic_year_of,
    allocate,
    clamp,
)

__all__ = [
    "DemoScale",
    "DepartmentSpec",
    "NodeSpec",
    "PersonSpec",
    "PostSpec",
    "ProvincePlan",
    "academic_year_of",
    "allocate",
    "clamp",
]


@dataclass(frozen=True)
class DemoScale:
    """How big the province is. Tests use a tiny scale; `tongxin demo` the full one."""

    cities: int = 11
    schools: int = 140
    students: int = 20_000
