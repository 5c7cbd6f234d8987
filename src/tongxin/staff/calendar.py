"""Academic years (学年) start on 1 September: 2026-09-01 … 2027-08-31 is academic year 2026."""

import datetime


def academic_year_of(day: datetime.date) -> int:
    return day.year if day.month >= 9 else day.year - 1
