"""One `DeadlineSource` for every noticed model: a running notice's end is counted again
when the federation admin enters a calendar year (tongxin.workdays.deadlines).

    calendar_year_save(2027) ──► NoticeDeadlines.open_within ──► recount ──► moved?
        yes ──► move(item, actor=…): the app's service (lock, store, timeline, audit, tell)

An app registers its notices in one line of its `deadlines.py`:

    register(NoticeDeadlines("selection.notice", Candidacy, move=candidacy_notice_moved))
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .models import Noticed
from .period import notice_recount, running_notices

# The app's service: lock the item, store its recounted end, record and tell; False when
# the notice stopped meanwhile or its end stays (nothing written).
Move = Callable[..., bool]


@dataclass
class NoticeDeadlines:
    """The running notices of `model`, as a workdays.deadlines.DeadlineSource."""

    name: str
    model: type[Noticed]
    move_end: Move

    def open_within(self, start: datetime.datetime, end: datetime.datetime) -> Iterable[Any]:
        return list(
            running_notices(self.model)
            .filter(notice_resumed_at__lt=end, notice_ends_at__gte=start)
            .order_by("notice_ends_at", "id")
        )

    def current(self, item: Noticed) -> datetime.datetime:
        if item.notice_ends_at is None:
            raise ValueError("a running notice has an end")
        return item.notice_ends_at

    def recount(self, item: Noticed) -> datetime.datetime:
        return notice_recount(item)

    def move(self, item: Noticed, due: datetime.datetime, *, actor: Any) -> bool:
        return self.move_end(item, actor=actor)
