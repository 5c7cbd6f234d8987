"""Delegate quotas (代表名额) by the largest-remainder (Hamilton) method, as a pure function.

    allocate(total, {unit: students}, min_permille=10, min_seats=1) ──► {unit: seats}

1. The seats must be at least `min_permille` ‰ of all the students represented (rounded
   up) and at least `min_seats` per unit that has students; fewer are refused in Chinese.
2. Every unit first gets its floor (`min_seats`). The seats left are shared in proportion
   to the students each unit has *beyond* what its floor already covers: a unit whose
   floor gives it more than its share takes no more, and the others share the rest.
   Concretely: units whose exact share of the whole is below the floor are fixed at the
   floor and set aside; the rest share the remaining seats by Hamilton (whole parts of
   their exact shares, then one seat each to the largest remainders); repeat until no
   unit falls below the floor.
3. Ties between equal remainders go to the unit with more students, then to the unit
   named first (the caller's order: colleges by their order in the tree), so the result
   never depends on a dict's hashing.

Exact arithmetic on fractions: no float rounding decides a seat.
"""

from collections.abc import Hashable, Mapping
from fractions import Fraction
from math import ceil
from typing import TypeVar

from django.utils.translation import gettext as _

from tongxin.core.errors import DomainError

K = TypeVar("K", bound=Hashable)


def minimum_seats(students: int, min_permille: int) -> int:
    """The fewest delegates the rule allows for `students` students (‰, rounded up)."""
    return ceil(Fraction(students * min_permille, 1000))


def allocate(
    total: int,
    students: Mapping[K, int],
    *,
    min_permille: int = 10,
    min_seats: int = 1,
) -> dict[K, int]:
    """Seats per unit summing to `total` (see the module's docstring); units without
    students get none and are left out of the floors."""
    units = [k for k, n in students.items() if n > 0]
    if any(n < 0 for n in students.values()):
        raise ValueError("a unit cannot have fewer than no students")
    everyone = sum(students[k] for k in units)
    if not units:
        raise DomainError(_("没有可分配名额的学院或班级（学生数为 0）。"), field="delegate_seats")
    least = max(minimum_seats(everyone, min_permille), min_seats * len(units))
    if total < least:
        raise DomainError(
            _(
                "代表名额 %(total)d 名过少：%(n)d 名学生至少需要 %(least)d 名代表"
                "（不少于学生数的 %(permille)s‰，且每个单位至少 %(floor)d 名，"
                "共 %(units)d 个单位）。"
            )
            % {
                "total": total,
                "n": everyone,
                "least": least,
                "permille": min_permille,
                "floor": min_seats,
                "units": len(units),
            },
            field="delegate_seats",
        )
    if total > everyone:
        raise DomainError(
            _("代表名额 %(total)d 名多于学生数 %(n)d 名。") % {"total": total, "n": everyone},
            field="delegate_seats",
        )
    order = {k: i for i, k in enumerate(units)}
    fixed: dict[K, int] = {}
    sharing = list(units)
    while True:
        seats_left = total - sum(fixed.values())
        pool = sum(students[k] for k in sharing)
        exact = {k: Fraction(students[k] * seats_left, pool) for k in sharing}
        below = [k for k in sharing if exact[k] < min_seats]
        if not below:
            break
        for k in below:
            fixed[k] = min_seats
        sharing = [k for k in sharing if k not in fixed]
    seats = {k: int(exact[k]) for k in sharing}  # whole parts (floor of a positive fraction)
    spare = seats_left - sum(seats.values())
    by_remainder = sorted(sharing, key=lambda k: (-(exact[k] - seats[k]), -students[k], order[k]))
    for k in by_remainder[:spare]:
        seats[k] += 1
    result = {**fixed, **seats}
    return {k: result[k] for k in units}
