"""The congress sessions' items of the to-do list (待办; core/todo.py gathers them)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import TodoBatch, TodoItem
from tongxin.core.todo import batch_of

from . import selectors
from .models import Session, SessionState

UNION_STEPS = {
    SessionState.PLANNED: _("代表大会待提交召开申请"),
    SessionState.RETURNED: _("代表大会申请被退回，待重新申请"),
    SessionState.APPROVED: _("代表大会已批复，待回执"),
    SessionState.CONFIRMED: _("代表大会待记录召开情况"),
    SessionState.HELD: _("代表大会待提交报告"),
}


def _item(session: Session, kind: Any, since: Any) -> TodoItem:
    return TodoItem(
        title=f"{session.union.name} · 第 {session.number} 次",
        url=reverse("congress:session-detail", args=[session.pk]),
        kind=kind,
        since=since,
    )


def applications(user: Any, limit: int) -> TodoBatch:
    """Applications awaiting the supervisor's decision."""
    return batch_of(
        selectors.applications_for(actor=user),
        limit,
        lambda s: _item(s, _("代表大会召开申请待审批"), s.applied_at),
    )


def union_moves(user: Any, limit: int) -> TodoBatch:
    """Sessions the union must move on."""
    return batch_of(
        selectors.sessions_to_move_for(actor=user),
        limit,
        lambda s: _item(s, UNION_STEPS[SessionState(s.state)], s.updated_at),
    )


PROVIDERS = [applications, union_moves]
