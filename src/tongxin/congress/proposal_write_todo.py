"""Writing's items of the to-do list (待办): invitations waiting for the delegate's answer
(待您确认附议) and, for a delegate now, the college's open suggestions."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from tongxin.accounts.roles import STUDENT_ROLES, grants_where
from tongxin.core.registration import TodoBatch, TodoItem
from tongxin.core.todo import batch_of

from . import proposal_write_selectors as selectors


def _student(user: Any) -> bool:
    """Only students are delegates: nobody else pays a query for these items."""
    return bool(getattr(user, "is_authenticated", False) and grants_where(user, *STUDENT_ROLES))


def invitations_waiting(user: Any, limit: int) -> TodoBatch:
    if not _student(user):
        return TodoBatch()
    return batch_of(
        selectors.my_invitations(user),
        limit,
        lambda s: TodoItem(
            title=f"《{s.proposal.title}》（领衔人 {s.proposal.lead.real_name}）",
            url=reverse("congress:proposal-detail", args=[s.proposal_id]),
            kind="待您确认附议",
            since=s.invited_at,
        ),
    )


def suggestions_waiting(user: Any, limit: int) -> TodoBatch:
    if not getattr(user, "college_id", None) or not _student(user):
        return TodoBatch()
    rows = selectors.open_suggestions_for_delegate(user, timezone.localdate())
    return batch_of(
        rows,
        limit,
        lambda s: TodoItem(
            title=s.title,
            url=reverse("congress:suggestion-inbox"),
            kind="同学的意见建议待处理",
            since=s.created_at,
        ),
    )
