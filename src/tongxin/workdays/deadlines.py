"""Working-day deadlines that must follow the calendar when a year is entered late.

A deadline counted in working days through a year the table did not know yet was counted
Monday to Friday (calendar.py). When the federation admin saves that year, every open
deadline whose counting window touches it is counted again:

    calendar_year_save(2027) ──► for each registered source:
        open items with started < 2028-01-01 and due ≥ 2027-01-01 ──► recount ──► moved?
            yes: the source moves it (its own row lock, timeline, audit event, holder told)

Apps do not copy this: each registers a `DeadlineSource` in its own `deadlines.py`
(discovered like `audit_actions.py`), which says how to find its open deadlines, how to
count one again and how to move it. Rights clocks, the public notice and the congress,
self-assessment and notice deadlines to come all come through here.
"""

import datetime
import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from django.apps import apps

from .calendar import clear_memo, local_zone


class DeadlineSource(Protocol):
    """One kind of open working-day deadline (e.g. a rights clock)."""

    name: str  # "rights.clock": shown in the year's audit event

    def open_within(self, start: datetime.datetime, end: datetime.datetime) -> Iterable[Any]:
        """Open items whose counting window (started, due] meets [start, end)."""
        ...

    def current(self, item: Any) -> datetime.datetime:
        """The deadline the item holds now."""
        ...

    def recount(self, item: Any) -> datetime.datetime:
        """The item's deadline under the calendar as it now stands."""
        ...

    def move(self, item: Any, due: datetime.datetime, *, actor: Any) -> bool:
        """Lock, check the item is still open, store `due`, record and tell the holder.
        False when the item closed meanwhile (nothing written)."""
        ...


@dataclass
class Moved:
    source: str
    moved: int = 0
    checked: int = 0


_sources: dict[str, DeadlineSource] = {}
_discovered = False


def register(source: DeadlineSource) -> DeadlineSource:
    _sources[source.name] = source
    return source


def sources() -> list[DeadlineSource]:
    global _discovered
    if not _discovered:
        for config in apps.get_app_configs():
            if config.name.startswith("tongxin."):
                try:
                    importlib.import_module(f"{config.name}.deadlines")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.deadlines":
                        raise
        _discovered = True
    return [_sources[name] for name in sorted(_sources)]


def year_window(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    zone = local_zone()
    start = datetime.datetime(year, 1, 1, tzinfo=zone)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=zone)


def recount_year(*, actor: Any, year: int) -> list[Moved]:
    """Count again every open deadline that runs through `year` (inside the caller's
    transaction, after the year's days were written)."""
    clear_memo()  # the new days, not what this process read before the save
    start, end = year_window(year)
    report = []
    for source in sources():
        tally = Moved(source=source.name)
        for item in source.open_within(start, end):
            tally.checked += 1
            due = source.recount(item)
            if due != source.current(item) and source.move(item, due, actor=actor):
                tally.moved += 1
        report.append(tally)
    return report
