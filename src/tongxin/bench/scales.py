"""The named data scales of `tongxin bench generate`."""

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Scale:
    name: str
    cities: int
    schools: int
    students: int
    issues: int
    years: int
    # The persona union's backlog (writer.backlog): issues submitted and not yet taken up,
    # and accepted ones; the queue scenarios' two filters.
    backlog_submitted: int = 5_000
    backlog_accepted: int = 50


SCALES = {
    "tiny": Scale(
        "tiny",
        cities=1,
        schools=3,
        students=300,
        issues=1_500,
        years=1,
        backlog_submitted=100,
        backlog_accepted=5,
    ),
    "medium": Scale("medium", cities=11, schools=140, students=20_000, issues=100_000, years=5),
    "province": Scale(
        "province", cities=11, schools=140, students=200_000, issues=2_000_000, years=5
    ),
}


def scale_named(name: str, issues: int | None = None) -> Scale:
    scale = SCALES[name]
    return scale if issues is None else replace(scale, issues=issues)
