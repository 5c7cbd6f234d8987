"""The one day the demo province and the benchmark's data are built around.

Both generators date everything from a `BuildDay`: the demo's year of issues ends at
midnight before `today`, grades and terms follow `today`, notices and the statistics fold
use `now()`. Give `--today` to build a province as it would look on another day (and the
test suite builds at whatever day its clock was moved to).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from tongxin.workdays.calendar import local_zone


@dataclass(frozen=True)
class BuildDay:
    today: datetime.date

    def now(self) -> datetime.datetime:
        """The real moment when building for the real today; noon of `today` otherwise."""
        real = timezone.now()
        if timezone.localdate(real) == self.today:
            return real
        return datetime.datetime.combine(self.today, datetime.time(12), tzinfo=local_zone())


def build_day(today: datetime.date | None = None) -> BuildDay:
    return BuildDay(today or timezone.localdate())
