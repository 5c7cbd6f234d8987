"""When a union is due its next congress (DOMAIN.md §4: once a year by default).

A union is due a session `CongressRule.interval_months` after its last held one, or after
the date it was set up in Tongxin when it has none. A due date that falls on a rest day
(a weekend or public holiday in the working-day calendar) moves to the next working day:
nobody can be expected to convene a congress on National Day.

    due = due_date(basis, months)       basis: last held, else set up in Tongxin
    is_overdue(line, on=day)            day > line.due_on
"""

import calendar
import datetime

from tongxin.workdays.calendar import is_workday

from .models import CongressLine, CongressRule, UnionLevel


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day where it is shorter (31 Jan + 1
    month is 28 or 29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def next_workday_on_or_after(day: datetime.date) -> datetime.date:
    while not is_workday(day):
        day += datetime.timedelta(days=1)
    return day


def due_date(basis: datetime.date, interval_months: int) -> datetime.date:
    return next_workday_on_or_after(add_months(basis, interval_months))


def rule_for(level: str) -> CongressRule:
    """The level's rules; the field defaults where the province has saved none."""
    return CongressRule.objects.filter(level=level).first() or CongressRule(level=level)


def rules_by_level() -> dict[str, CongressRule]:
    saved = {rule.level: rule for rule in CongressRule.objects.all()}
    return {level: saved.get(level) or CongressRule(level=level) for level in UnionLevel.values}


def last_held(line: CongressLine) -> datetime.date | None:
    """The last congress held, in Tongxin or (entered by the advisor) before it."""
    held = [day for day in (line.last_held_on, line.held_before_tongxin_on) if day is not None]
    return max(held) if held else None


def schedule_basis(line: CongressLine) -> datetime.date:
    """The last congress held, else the union's start in Tongxin."""
    return last_held(line) or line.set_up_on


def refresh_due(line: CongressLine, rule: CongressRule | None = None) -> list[str]:
    """Recompute the line's copies from its facts; returns the fields changed (for save)."""
    rule = rule or rule_for(line.level)
    due = due_date(schedule_basis(line), rule.interval_months)
    if due == line.due_on:
        return []
    line.due_on = due
    return ["due_on"]


def is_overdue(line: CongressLine, on: datetime.date) -> bool:
    return on > line.due_on
