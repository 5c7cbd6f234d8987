"""The congress's deadlines recounted when a calendar year is entered (workdays/deadlines.py),
one registration per part."""

from typing import Any

from tongxin.workdays.deadlines import register
from tongxin.workflow.notice.deadlines import NoticeDeadlines

# --- sessions ---------------------------------------------------------------------------
# --- delegates --------------------------------------------------------------------------
from .models import DelegateList


def _move_delegate_notice(item: DelegateList, *, actor: Any) -> bool:
    from .services.delegates import delegate_notice_reschedule

    return delegate_notice_reschedule(actor=actor, delegate_list=item)


register(NoticeDeadlines("congress.delegates.notice", DelegateList, move_end=_move_delegate_notice))

# --- rating -----------------------------------------------------------------------------
