"""Read queries of the congress. The two facts the reform self-assessment reads answer for
many unions in a bounded number of queries (one each), whatever their number."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from tongxin.orgs.models import Node

from .models import CongressLine
from .schedule import is_overdue


@dataclass(frozen=True)
class ScheduleFact:  # 按期召开
    union_id: int
    last_held_on: datetime.date | None  # in Tongxin or entered for before it
    due_on: datetime.date | None  # None: the union has no congress line
    on_schedule: bool  # not overdue on the day asked


def _ids(unions: Iterable[Node | int]) -> list[int]:
    return [u if isinstance(u, int) else u.pk for u in unions]


def on_schedule(unions: Iterable[Node | int], on: datetime.date) -> dict[int, ScheduleFact]:
    """Each union's schedule fact on `on`, in one query. A union without a line is not on
    schedule (nothing is known of its congress)."""
    ids = _ids(unions)
    lines = {line.union_id: line for line in CongressLine.objects.filter(union_id__in=ids)}
    facts = {}
    for union_id in ids:
        line = lines.get(union_id)
        if line is None:
            facts[union_id] = ScheduleFact(union_id, None, None, False)
            continue
        held = [d for d in (line.last_held_on, line.held_before_tongxin_on) if d is not None]
        facts[union_id] = ScheduleFact(
            union_id, max(held) if held else None, line.due_on, not is_overdue(line, on)
        )
    return facts


def presidium_elected_by_congress(
    unions: Iterable[Node | int], on: datetime.date
) -> dict[int, bool | None]:
    """Was each union's presidium elected by its congress (DOMAIN.md §4)? Congress
    elections arrive with part 3 (issue 15); until then nothing is known: None."""
    return dict.fromkeys(_ids(unions))
