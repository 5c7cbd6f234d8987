"""Every write of comments, each with its audit event (comments/machine.py is the table).

(new) ── comment_submit ──► submitted ── comment_approve ──► approved
submitted | approved ── comment_hide (the unit's moderator) ──► hidden
"""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.core.authz import authorize
from tongxin.core.subjects import content_type_of, key_of, school_id_of, spec_for, subject_of
from tongxin.workflow.steps import record_step, require_text, save_step, tell

from .machine import COMMENT
from .models import Comment
from .rules import REGISTRY


@transaction.atomic
def comment_submit(*, actor: Any, subject: Any, text: str) -> Comment:
    """A comment waits for the moderator; its author sees it meanwhile."""
    authorize(actor, "comments.add_comment", subject)
    text = require_text(text, "text", _("评论内容"), max_length=settings.COMMENT_MAX_LENGTH)
    comment = Comment.objects.create(
        school_id=school_id_of(spec_for(REGISTRY, subject), subject),
        content_type=content_type_of(subject),
        object_id=subject.pk,
        author=actor,
        text=text,
    )
    record_step(
        actor=actor,
        action="comments.comment.submitted",
        target=comment,
        data={"subject": key_of(subject), "object": subject.pk, "length": len(text)},
    )
    return comment


def _moderate(actor: Any, comment: Comment, expected_version: int | None, name: str) -> Comment:
    fresh = COMMENT.begin(actor=actor, obj=comment, name=name, expected_version=expected_version)
    fresh.status = COMMENT.entering(name)[0]
    fresh.moderated_by = actor
    fresh.moderated_at = timezone.now()
    save_step(fresh, "status", "moderated_by", "moderated_at")
    return fresh


def _page_of(comment: Comment) -> str:
    subject = subject_of(comment)
    spec = spec_for(REGISTRY, subject)
    return reverse(spec.page, args=[comment.object_id]) if spec and spec.page else ""


def _moderate_and_tell(
    actor: Any, comment: Comment, expected_version: int | None, step: str, done: str, title: str
) -> Comment:
    """Take the table's `step`, record it as `comments.comment.<done>` and tell the author."""
    comment = _moderate(actor, comment, expected_version, step)
    action = f"comments.comment.{done}"
    record_step(actor=actor, action=action, target=comment)
    tell(
        [comment.author],
        verb=action,
        title=title,
        body=comment.text[:100],
        url=_page_of(comment),
        school=comment.school,
        skip=actor,
    )
    return comment


@transaction.atomic
def comment_approve(*, actor: Any, comment: Comment, expected_version: int | None) -> Comment:
    """The subject's readers see it from now on."""
    return _moderate_and_tell(
        actor, comment, expected_version, "approve", "approved", _("您的评论已公开")
    )


@transaction.atomic
def comment_hide(*, actor: Any, comment: Comment, expected_version: int | None) -> Comment:
    """Out of the readers' sight (pending or approved); its author still sees it, marked."""
    return _moderate_and_tell(
        actor, comment, expected_version, "hide", "hidden", _("您的评论未予公开")
    )
