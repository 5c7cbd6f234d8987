"""What the comment panel and the moderation queue show: each comment with the buttons the
transition table allows the viewer now (COMMENT.allowed), the form for those who may write."""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.urls import reverse

from tongxin.core.authz import can
from tongxin.core.subjects import key_of, prime_subjects, spec_for, subject_of

from . import selectors
from .machine import COMMENT
from .models import Comment
from .rules import REGISTRY


@dataclass
class Row:
    comment: Comment
    buttons: list[tuple[str, str]]  # (action name, Chinese verb)
    subject_url: str = ""

    @property
    def dom_id(self) -> str:
        return f"comment-{self.comment.pk}"


@dataclass
class Panel:
    key: str
    object_id: int
    rows: list[Row] = field(default_factory=list)
    can_add: bool = False
    error: str = ""
    text: str = ""  # what was typed, kept when it is refused

    @property
    def dom_id(self) -> str:
        return f"comments-{self.key.replace('.', '-')}-{self.object_id}"

    @property
    def max_length(self) -> int:
        return int(settings.COMMENT_MAX_LENGTH)


def row_of(user: Any, comment: Comment) -> Row:
    buttons = [(name, COMMENT.action(name).label) for name in COMMENT.allowed(user, comment)]
    return Row(comment, buttons)


def panel_for(user: Any, subject: Any, error: str = "", text: str = "") -> Panel:
    """The panel of a subject the caller has shown `user` (so `user` reads it)."""
    rows = selectors.comment_list_for(actor=user, subject=subject)
    return Panel(
        key=key_of(subject),
        object_id=subject.pk,
        rows=[row_of(user, c) for c in rows],
        can_add=can(user, "comments.add_comment", subject),
        error=error,
        text=text,
    )


def queue_rows(user: Any, comments: list[Comment]) -> list[Row]:
    """A page of the moderation queue, each comment with a link to its subject's page."""
    prime_subjects(comments)
    rows = []
    for comment in comments:
        row = row_of(user, comment)
        spec = spec_for(REGISTRY, subject_of(comment))
        if spec is not None and spec.page:
            row.subject_url = reverse(spec.page, args=[comment.object_id])
        rows.append(row)
    return rows
