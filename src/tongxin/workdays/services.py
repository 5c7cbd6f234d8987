"""Entering a year's holidays and make-up working days.

unknown year (Mon–Fri, warning) ──calendar_year_save──► known year (admin)
known year ──calendar_year_save──► replaced with the new list
either way, after the commit the worker counts again every open deadline through that year
(deadlines.py: one item per transaction, never inside the admin's request)
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError

from .calendar import clear_memo
from .deadlines import recount_year
from .models import CalendarDay, CalendarYear
from .tasks import recount_deadlines


def parse_day_lines(text: str, *, year: int, field: str) -> list[tuple[datetime.date, str]]:
    """One date per line, optionally followed by a name: "2027-01-01 元旦"."""
    days: list[tuple[datetime.date, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        raw, _sep, name = line.strip().partition(" ")
        try:
            day = datetime.date.fromisoformat(raw)
        except ValueError as exc:
            raise DomainError(
                _("第 %(n)d 行“%(raw)s”不是 YYYY-MM-DD 格式的日期。") % {"n": number, "raw": raw},
                field=field,
            ) from exc
        if day.year != year:
            raise DomainError(
                _("第 %(n)d 行的日期 %(day)s 不在 %(year)d 年。")
                % {"n": number, "day": day, "year": year},
                field=field,
            )
        days.append((day, name.strip()))
    return days


def _check_days(
    holidays: list[tuple[datetime.date, str]], workdays: list[tuple[datetime.date, str]]
) -> None:
    overlap = {d for d, _n in holidays} & {d for d, _n in workdays}
    if overlap:
        first = min(overlap)
        raise DomainError(_("%(day)s 不能既放假又上班。") % {"day": first}, field="workdays")
    weekday_workdays = [d for d, _n in workdays if d.weekday() < 5]
    if weekday_workdays:
        raise DomainError(
            _("%(day)s 是工作日，无需登记为调休上班日。") % {"day": weekday_workdays[0]},
            field="workdays",
        )


@transaction.atomic
def calendar_year_save(
    *,
    actor: Any,
    year: int,
    holidays: list[tuple[datetime.date, str]],
    workdays: list[tuple[datetime.date, str]],
) -> CalendarYear:
    """Replace `year`'s exceptions with the given holidays and make-up working days."""
    authorize(actor, "workdays.manage_calendar")
    if not 2000 <= year <= 2100:
        raise DomainError(_("年份应在 2000 到 2100 之间。"), field="year")
    if not holidays:
        raise DomainError(_("请至少填写一个放假日期。"), field="holidays")
    _check_days(holidays, workdays)
    CalendarDay.objects.filter(date__year=year).delete()
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=d, is_workday=False, name=n) for d, n in holidays]
        + [CalendarDay(date=d, is_workday=True, name=n) for d, n in workdays]
    )
    entry, _created = CalendarYear.objects.update_or_create(
        year=year, defaults={"source": CalendarYear.Source.ADMIN}
    )
    audit.record(
        actor=actor,
        action="workdays.year.saved",
        target=entry,
        data={"year": year, "holidays": len(holidays), "workdays": len(workdays)},
    )
    transaction.on_commit(clear_memo)
    transaction.on_commit(lambda: recount_deadlines.enqueue(year=year, actor_id=actor.pk))
    return entry


def deadlines_recount(*, actor: Any, year: int) -> int:
    """Count again every open deadline through `year` (each move its own transaction, so no
    lock is held across schools) and record how many moved; returns that number."""
    authorize(actor, "workdays.manage_calendar")
    moved = recount_year(actor=actor, year=year)
    with transaction.atomic():
        entry = CalendarYear.objects.get(year=year)
        audit.record(
            actor=actor,
            action="workdays.year.recounted",
            target=entry,
            data={
                "year": year,
                "deadlines_checked": sum(m.checked for m in moved),
                "deadlines_moved": sum(m.moved for m in moved),
            },
        )
    return sum(m.moved for m in moved)
