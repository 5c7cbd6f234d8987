"""The public notice's end, counted again when a calendar year is entered (the shared
piece's source: tongxin.workflow.notice.deadlines)."""

from typing import Any

from tongxin.workdays.deadlines import register
from tongxin.workflow.notice.deadlines import NoticeDeadlines

from .models import Candidacy


def _move(item: Candidacy, *, actor: Any) -> bool:
    from .services.notice import notice_reschedule

    return notice_reschedule(actor=actor, candidacy=item) is not None


register(NoticeDeadlines("selection.notice", Candidacy, move_end=_move))
