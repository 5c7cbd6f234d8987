"""The public notice (公示) in working days, as pure arithmetic on the calendar table.

Only full working days count. The day a notice starts (or resumes) is not counted, since
it is only partly served; the notice ends at 23:59:59 of the n-th working day after it:

    start Fri 09-26 ──► 09-28 (make-up Sunday) 09-29 09-30 ┊ 10-01…10-08 holiday ┊ 10-09 10-10
                        1                      2     3                            4     5 ──► end

An objection pauses the notice. The working days strictly between the day the running
segment started and the day of the pause were served; the day of the pause was not (it
was only partly served), so it is still owed:

    owed = days_left − full working days in (segment start day, pause day)

When the last open objection is dismissed, the notice resumes and ends at the end of the
owed-th working day after the day it resumed. A pause can only happen before the planned
end, so at least one working day is always owed.
"""

import datetime

from tongxin.workdays.calendar import due_after_workdays, local_zone, workdays_between


def notice_end(start: datetime.datetime, workdays: int) -> datetime.datetime:
    """When a notice (or a resumed segment) of `workdays` working days starting at `start` ends."""
    return due_after_workdays(start, workdays)


def days_served(segment_start: datetime.datetime, paused: datetime.datetime) -> int:
    """Full working days served between the segment's start and the pause (both days excluded)."""
    zone = local_zone()
    first = segment_start.astimezone(zone).date()
    pause_day = paused.astimezone(zone).date()
    if pause_day <= first:
        return 0
    return workdays_between(first, pause_day - datetime.timedelta(days=1))


def days_owed(days_left: int, segment_start: datetime.datetime, paused: datetime.datetime) -> int:
    """The working days still owed after a pause at `paused` (never fewer than one)."""
    return max(1, days_left - days_served(segment_start, paused))
