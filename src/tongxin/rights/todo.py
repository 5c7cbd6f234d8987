"""The rights desk's items of the to-do list (待办; core/todo.py gathers them)."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import TodoBatch, TodoItem
from tongxin.core.todo import batch_of
from tongxin.workflow.referral.selectors import todo_provider

from . import selectors
from .models import Issue, Status

URL = "rights:issue-detail"


def _item(kind_of: Callable[[Issue], Any]) -> Callable[[Issue], TodoItem]:
    def make(issue: Issue) -> TodoItem:
        return TodoItem(
            title=issue.title,
            url=reverse(URL, args=[issue.pk]),
            kind=kind_of(issue),
            since=issue.created_at,
            deadline=issue.due_at,
        )

    return make


def _union_kind(issue: Issue) -> Any:
    return _("诉求待受理") if issue.status == Status.SUBMITTED else _("诉求待答复")


def _labelled(label: Any) -> Callable[[Issue], Any]:
    return lambda issue: label


def union_queue(user: Any, limit: int) -> TodoBatch:
    first = selectors.awaiting_union(actor=user, first=limit)
    every = selectors.awaiting_union(actor=user)
    return batch_of(first, limit, _item(_union_kind), every=every)


# Referred issues waiting for the offices' reply: the referral piece's provider.
office_inbox = todo_provider(
    Issue, states=[Status.REFERRED], label=_("转办待答复"), url_name=URL, since="created_at"
)


def oversight(user: Any, limit: int) -> TodoBatch:
    return batch_of(
        selectors.awaiting_oversight(actor=user), limit, _item(_labelled(_("督办诉求")))
    )


def rating(user: Any, limit: int) -> TodoBatch:
    return batch_of(selectors.awaiting_rating(actor=user), limit, _item(_labelled(_("待评价"))))


PROVIDERS = [union_queue, office_inbox, oversight, rating]
