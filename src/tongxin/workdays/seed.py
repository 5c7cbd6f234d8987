"""Seed data from the `chinesecalendar` package (it knows 2004 to 2026)."""

import datetime
from typing import Any

# The package names holidays in English; the calendar shows them in Chinese.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争胜利 70 周年纪念日",
}


def package_days() -> list[tuple[datetime.date, bool, str]]:
    """(date, is_workday, name) for every exception the package knows."""
    from chinese_calendar.constants import holidays, workdays

    days = [(d, False, HOLIDAY_NAMES.get(str(n), str(n))) for d, n in holidays.items()]
    days += [(d, True, f"{HOLIDAY_NAMES.get(str(n), str(n))}调休") for d, n in workdays.items()]
    return sorted(days)


def package_years() -> list[int]:
    return sorted({d.year for d, _work, _name in package_days()})


def seed_calendar(year_model: Any, day_model: Any) -> None:
    """Idempotent: used by the data migration and to restore reference data in tests."""
    day_model.objects.bulk_create(
        [day_model(date=d, is_workday=work, name=name) for d, work, name in package_days()],
        ignore_conflicts=True,
    )
    year_model.objects.bulk_create(
        [year_model(year=y, source="package") for y in package_years()], ignore_conflicts=True
    )
