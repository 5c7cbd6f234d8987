"""One deadline source (workdays/deadlines.py) for any app's clock model.

    calendar year saved ──► clock_deadlines(IssueClock).open_within(year)
        ──► clock_recount(run) ──► moved? ──► clock_reschedule (owner, then run, locked)

An app registers it in its own `deadlines.py`: `register(clock_deadlines("rights.clock",
IssueClock))`. Only running clocks of kinds counting working days are read.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .kinds import clocks_of
from .models import ClockRun
from .services import clock_recount, clock_reschedule


@dataclass
class ClockDeadlines:
    """A `workdays.deadlines.DeadlineSource` over one ClockRun model."""

    name: str
    model: type[ClockRun]

    def open_within(self, start: datetime.datetime, end: datetime.datetime) -> Iterable[ClockRun]:
        codes = [k.code for k in clocks_of(self.model).kinds if k.unit == "workdays"]
        # A list, not a cursor: each move writes to the table being read (SQLite).
        return list(
            self.model._default_manager.filter(
                **{f"{self.model.kind_field}__in": codes},
                stopped_at__isnull=True,
                paused_at__isnull=True,
                started_at__lt=end,
                due_at__gte=start,
            )
            .select_related(self.model.owner_field)
            .order_by("due_at", "id")
        )

    def current(self, item: ClockRun) -> datetime.datetime:
        return item.due_at

    def recount(self, item: ClockRun) -> datetime.datetime:
        return clock_recount(item)

    def move(self, item: ClockRun, due: datetime.datetime, *, actor: Any) -> bool:
        return clock_reschedule(actor=actor, run=item) is not None


def clock_deadlines(name: str, model: type[ClockRun]) -> ClockDeadlines:
    return ClockDeadlines(name=name, model=model)
