"""Working-day arithmetic on the calendar table.

A year's exceptions are read once per process and minute (a few dozen rows); every
question after that is pure Python. A date in a year the table does not hold counts plain Monday to
Friday and raises a visible warning to the federation admin — never a crash.
"""

import datetime
import logging
import time
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache

from .models import CalendarDay, CalendarYear

logger = logging.getLogger(__name__)
MEMO_SECONDS = 60
_memo: dict[int, tuple[float, "YearCalendar"]] = {}


@dataclass(frozen=True)
class YearCalendar:
    year: int
    known: bool
    holidays: frozenset[datetime.date]
    workdays: frozenset[datetime.date]

    def is_workday(self, day: datetime.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


def year_calendar(year: int) -> YearCalendar:
    hit = _memo.get(year)
    if hit is not None and time.monotonic() - hit[0] < MEMO_SECONDS:
        return hit[1]
    known = CalendarYear.objects.filter(year=year).exists()
    rows = list(CalendarDay.objects.filter(date__year=year).values_list("date", "is_workday"))
    calendar = YearCalendar(
        year=year,
        known=known,
        holidays=frozenset(d for d, work in rows if not work),
        workdays=frozenset(d for d, work in rows if work),
    )
    _memo[year] = (time.monotonic(), calendar)
    if not known:
        _warn_missing_year(year)
    return calendar


def clear_memo() -> None:
    """Forget what this process read (after an edit, and between tests)."""
    _memo.clear()


def _warn_missing_year(year: int) -> None:
    logger.warning("no working-day calendar for %s: counting Monday to Friday", year)
    from .tasks import warn_missing_calendar_year

    # Once a day at most per year: the task notifies the province's federation admins.
    if cache.add(f"tongxin:workdays:warned:{year}", True, 86400):
        warn_missing_calendar_year.enqueue(year=year)


def is_workday(day: datetime.date) -> bool:
    return year_calendar(day.year).is_workday(day)


def nth_workday_after(day: datetime.date, n: int) -> datetime.date:
    """The n-th working day strictly after `day` (n ≥ 1)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    current, counted = day, 0
    while counted < n:
        current += datetime.timedelta(days=1)
        if is_workday(current):
            counted += 1
    return current


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def end_of_day(day: datetime.date) -> datetime.datetime:
    """23:59:59 of `day` in the configured zone (Asia/Shanghai by default)."""
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=local_zone())


def due_after_workdays(start: datetime.datetime, n: int) -> datetime.datetime:
    """End of the n-th working day after the (local) day of `start`."""
    local_day = start.astimezone(local_zone()).date()
    return end_of_day(nth_workday_after(local_day, n))


def workdays_between(start: datetime.date, end: datetime.date) -> int:
    """Working days in (start, end]: how many working days `end` lies after `start`."""
    count, current = 0, start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_workday(current):
            count += 1
    return count
