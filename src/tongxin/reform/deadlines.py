"""The disclosure's (公示) last day, counted again when a calendar year is entered late
(tongxin.workdays.deadlines): a disclosure opened while its year had no calendar was
counted Monday to Friday; once the holidays are known its window follows them."""

import datetime
from collections.abc import Iterable
from typing import Any

from tongxin.workdays.calendar import end_of_day
from tongxin.workdays.deadlines import register

from .disclosure_selectors import open_disclosures_within
from .models import Disclosure
from .services.disclosure import disclosure_reschedule, window_of


class DisclosureDeadlines:
    name = "reform.disclosure"

    def open_within(self, start: datetime.datetime, end: datetime.datetime) -> Iterable[Any]:
        return open_disclosures_within(start.date(), end.date())

    def current(self, item: Disclosure) -> datetime.datetime:
        return end_of_day(item.closes_on)

    def recount(self, item: Disclosure) -> datetime.datetime:
        return end_of_day(window_of(item.opens_on, item.workdays))

    def move(self, item: Disclosure, due: datetime.datetime, *, actor: Any) -> bool:
        return disclosure_reschedule(actor=actor, disclosure=item)


register(DisclosureDeadlines())
