"""Working days and hours for the demo's timelines.

Due instants come from the rights desk's own rule (`tongxin.workdays.calendar`, the
holiday calendar table), memoised per day here because a year of issues asks the same
few hundred questions a hundred thousand times. Working hours are the demo's own idea of
when people act: students at any waking hour, offices on working days in office hours.
"""

import datetime
import random
from functools import lru_cache
from zoneinfo import ZoneInfo

from tongxin.workdays import calendar

WAKE = datetime.time(7, 30)
BED = datetime.time(23, 30)
OFFICE_OPEN = datetime.time(8, 30)
OFFICE_CLOSE = datetime.time(17, 30)


class WorkClock:
    """Calendar questions of one build, answered once each."""

    def __init__(self) -> None:
        self.zone: ZoneInfo = calendar.local_zone()
        self.is_workday = lru_cache(maxsize=None)(calendar.is_workday)
        self._due = lru_cache(maxsize=None)(self._due_on)

    def local(self, moment: datetime.datetime) -> datetime.datetime:
        return moment.astimezone(self.zone)

    def at(self, day: datetime.date, time: datetime.time) -> datetime.datetime:
        return datetime.datetime.combine(day, time, tzinfo=self.zone)

    def _due_on(self, day: datetime.date, workdays: int) -> datetime.datetime:
        return calendar.due_after_workdays(self.at(day, datetime.time(12)), workdays)

    def due_after(self, start: datetime.datetime, workdays: int) -> datetime.datetime:
        """calendar.due_after_workdays, which depends only on the local day of `start`."""
        return self._due(self.local(start).date(), workdays)

    def nth_after(self, day: datetime.date, n: int) -> datetime.date:
        while n > 0:
            day += datetime.timedelta(days=1)
            n -= 1 if self.is_workday(day) else 0
        return day

    def nth_before(self, day: datetime.date, n: int) -> datetime.date:
        while n > 0:
            day -= datetime.timedelta(days=1)
            n -= 1 if self.is_workday(day) else 0
        return day

    def awake(self, rng: random.Random, moment: datetime.datetime) -> datetime.datetime:
        """A student (students run the union too) acts between 7:30 and 23:30."""
        local = self.local(moment)
        if WAKE <= local.time() <= BED:
            return moment
        day = local.date() + datetime.timedelta(days=1 if local.time() > BED else 0)
        return self.at(day, WAKE) + datetime.timedelta(minutes=rng.randrange(150))

    def office_hours(self, rng: random.Random, moment: datetime.datetime) -> datetime.datetime:
        """An office acts on a working day between 8:30 and 17:30."""
        local = self.local(moment)
        day = local.date()
        if self.is_workday(day) and OFFICE_OPEN <= local.time() <= OFFICE_CLOSE:
            return moment
        if local.time() > OFFICE_CLOSE or not self.is_workday(day):
            day = self.nth_after(day, 1)
        return self.at(day, OFFICE_OPEN) + datetime.timedelta(minutes=rng.randrange(120))
