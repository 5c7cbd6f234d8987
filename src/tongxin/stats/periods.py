"""Periods of the statistics (a month or a date range) and of the weekly report, in local
days (Asia/Shanghai)."""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone

from tongxin.workdays.calendar import local_zone

MAX_DAYS = 366
REPORT_HOUR = 8  # the weekly report is built from Monday 08:00 on


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def label(self) -> str:
        if self.start.day == 1 and self.end == month_end(self.start):
            return f"{self.start.year} 年 {self.start.month} 月"
        return f"{self.start:%Y-%m-%d} 至 {self.end:%Y-%m-%d}"

    @property
    def days(self) -> list[datetime.date]:
        count = (self.end - self.start).days + 1
        return [self.start + datetime.timedelta(days=i) for i in range(count)]

    def months_back(self, n: int = 12) -> "Period":
        """The n whole months ending with the month of `end` (for the monthly trend)."""
        year, month = self.end.year, self.end.month - (n - 1)
        while month < 1:
            year, month = year - 1, month + 12
        return Period(datetime.date(year, month, 1), month_end(self.end))

    def query(self) -> str:
        if self.start.day == 1 and self.end == month_end(self.start):
            return f"month={self.start:%Y-%m}"
        return f"start={self.start:%Y-%m-%d}&end={self.end:%Y-%m-%d}"


@dataclass(frozen=True)
class MonthSplit:
    """A period as its whole months, read from the monthly rollups, and the partial months
    at either end, read from the daily rows."""

    months: tuple[datetime.date, datetime.date] | None  # first days of first and last month
    days: tuple[Period, ...]


def split_by_month(period: Period) -> MonthSplit:
    one = datetime.timedelta(days=1)
    first = period.start if period.start.day == 1 else month_end(period.start) + one
    last = period.end if period.end == month_end(period.end) else period.end.replace(day=1) - one
    if first > last:
        return MonthSplit(None, (period,))
    edges = [Period(period.start, first - one), Period(last + one, period.end)]
    return MonthSplit((first, last.replace(day=1)), tuple(p for p in edges if p.start <= p.end))


def local_today(now: datetime.datetime | None = None) -> datetime.date:
    return (now or timezone.now()).astimezone(local_zone()).date()


def month_end(day: datetime.date) -> datetime.date:
    first_next = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return first_next - datetime.timedelta(days=1)


def month_of(day: datetime.date) -> Period:
    return Period(day.replace(day=1), month_end(day))


def local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=local_zone())


class PeriodForm(forms.Form):
    month = forms.CharField(label="月份", required=False, max_length=7)
    start = forms.DateField(label="起始日期", required=False)
    end = forms.DateField(label="截止日期", required=False)

    def clean_month(self) -> datetime.date | None:
        value = self.cleaned_data.get("month") or ""
        if not value:
            return None
        try:
            return datetime.datetime.strptime(value, "%Y-%m").date()  # noqa: DTZ007 - a date
        except ValueError as exc:
            raise forms.ValidationError("月份格式应为 2025-03。") from exc

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if bool(start) != bool(end):
            raise forms.ValidationError("请同时填写起始日期和截止日期。")
        if isinstance(start, datetime.date) and isinstance(end, datetime.date):
            if end < start:
                raise forms.ValidationError("截止日期不能早于起始日期。")
            if (end - start).days + 1 > MAX_DAYS:
                raise forms.ValidationError("统计区间不能超过 366 天。")
        return data


def period_from(
    params: dict[str, str], now: datetime.datetime | None = None
) -> tuple[Period, PeriodForm]:
    """The period asked for in the query string; the current month when empty or invalid
    (the form then carries the Chinese message)."""
    form = PeriodForm(params or None)
    default = month_of(local_today(now))
    if not params or not form.is_valid():
        return default, form
    data = form.cleaned_data
    if data.get("start") and data.get("end"):
        return Period(data["start"], data["end"]), form
    if data.get("month"):
        return month_of(data["month"]), form
    return default, form


# --- weekly report weeks -------------------------------------------------------------


def week_start_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def week_due(now: datetime.datetime) -> datetime.date:
    """The Monday of the latest week whose report is due at `now`: a week's report is due
    from the following Monday 08:00 (local), so before that it is the week before."""
    local = now.astimezone(local_zone())
    this_monday = week_start_of(local.date())
    if local.date() == this_monday and local.hour < REPORT_HOUR:
        return this_monday - datetime.timedelta(days=14)
    return this_monday - datetime.timedelta(days=7)


def week_period(week_start: datetime.date) -> Period:
    return Period(week_start, week_start + datetime.timedelta(days=6))
