"""The public notice's end, counted again when a calendar year is entered."""

import datetime
from collections.abc import Iterable
from typing import Any

from tongxin.workdays.deadlines import register

from .models import Candidacy, State


class PublicNotices:
    name = "selection.notice"

    def open_within(self, start: datetime.datetime, end: datetime.datetime) -> Iterable[Candidacy]:
        return list(
            Candidacy.objects.filter(
                state=State.NOTICE, notice_resumed_at__lt=end, notice_ends_at__gte=start
            ).order_by("notice_ends_at", "id")
        )

    def current(self, item: Candidacy) -> datetime.datetime:
        assert item.notice_ends_at is not None
        return item.notice_ends_at

    def recount(self, item: Candidacy) -> datetime.datetime:
        from .services.notice import notice_recount

        return notice_recount(item)

    def move(self, item: Candidacy, due: datetime.datetime, *, actor: Any) -> bool:
        from .services.notice import notice_reschedule

        return notice_reschedule(actor=actor, candidacy=item) is not None


register(PublicNotices())
