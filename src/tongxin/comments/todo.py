"""The moderator's pending comments in the to-do list (core/todo.py gathers them)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import TodoBatch, TodoItem
from tongxin.core.todo import batch_of

from . import selectors
from .models import Comment

TITLE_LENGTH = 30


def _item(comment: Comment) -> TodoItem:
    text = comment.text
    title = text if len(text) <= TITLE_LENGTH else text[:TITLE_LENGTH] + "…"
    return TodoItem(title, reverse("comments:queue"), _("评论待审核"), since=comment.created_at)


def moderation(user: Any, limit: int) -> TodoBatch:
    pending = selectors.awaiting_moderation(actor=user)
    return TodoBatch() if pending is None else batch_of(pending, limit, _item)


PROVIDERS = [moderation]
