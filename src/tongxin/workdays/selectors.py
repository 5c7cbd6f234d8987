import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .models import CalendarDay, CalendarYear


def year_list() -> QuerySet[CalendarYear]:
    return CalendarYear.objects.order_by("-year")


def day_counts(years: list[int]) -> dict[int, tuple[int, int]]:
    """year → (holidays, make-up working days)."""
    rows = (
        CalendarDay.objects.filter(date__year__in=years)
        .values("date__year")
        .annotate(
            off=Count("id", filter=Q(is_workday=False)), on=Count("id", filter=Q(is_workday=True))
        )
    )
    return {r["date__year"]: (r["off"], r["on"]) for r in rows}


def years_needing_entry(today: datetime.date | None = None) -> list[int]:
    """This year if missing; next year too once the State Council usually publishes it
    (from October on)."""
    today = today or timezone.localdate()
    wanted = [today.year] + ([today.year + 1] if today.month >= 10 else [])
    known = set(CalendarYear.objects.filter(year__in=wanted).values_list("year", flat=True))
    return [y for y in wanted if y not in known]
