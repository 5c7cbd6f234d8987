"""The rights desk's working-day clocks, counted again when a calendar year is entered."""

import datetime
from collections.abc import Iterable
from typing import Any

from tongxin.workdays.deadlines import register

from .models import Clock, IssueClock


class RightsClocks:
    name = "rights.clock"

    def open_within(self, start: datetime.datetime, end: datetime.datetime) -> Iterable[IssueClock]:
        # A list, not a cursor: each move writes to the table being read (SQLite).
        return list(
            IssueClock.objects.filter(
                stopped_at__isnull=True, started_at__lt=end, due_at__gte=start
            )
            .exclude(clock=Clock.FIRST_REPLY)
            .select_related("issue")
            .order_by("due_at", "id")
        )

    def current(self, item: IssueClock) -> datetime.datetime:
        return item.due_at

    def recount(self, item: IssueClock) -> datetime.datetime:
        from .services.rescheduling import clock_recount

        return clock_recount(item)

    def move(self, item: IssueClock, due: datetime.datetime, *, actor: Any) -> bool:
        from .services.rescheduling import clock_reschedule

        return clock_reschedule(actor=actor, clock=item) is not None


register(RightsClocks())
