"""Reads of comments, scoped to the actor: a subject's comments as its reader sees them, one
gate per comment (missing and out of sight alike raise DoesNotExist) and the moderator's
queue, filtered in SQL by the subjects' own `moderated_by` (COMMENTABLE)."""

from typing import Any

from django.db.models import Q, QuerySet

from tongxin.core import subjects
from tongxin.core.authz import can
from tongxin.core.registration import subject_specs
from tongxin.core.subjects import attach_subject, content_type_of

from .models import Comment, Status
from .rules import REGISTRY, moderates_subject

SHOWN = 50  # the newest comments under a subject; the rest stay in the moderation record


def subject_get_for(*, actor: Any, key: str, object_id: int) -> Any:
    """A registered subject the actor reads, or None (missing and unread alike)."""
    return subjects.subject_get_for(REGISTRY, actor=actor, key=key, object_id=object_id)


def comment_list_for(*, actor: Any, subject: Any) -> list[Comment]:
    """The subject's comments the actor sees (the caller has shown them the subject): all
    of them for its moderator, else the approved ones and the actor's own. Newest first."""
    rows = Comment.objects.filter(content_type=content_type_of(subject), object_id=subject.pk)
    if not moderates_subject(actor, subject):
        rows = rows.filter(Q(status=Status.APPROVED) | Q(author=actor))
    found = list(rows.select_related("author").order_by("-id")[:SHOWN])
    attach_subject(found, subject)
    return found


def comment_get_for(*, actor: Any, pk: int) -> Comment:
    comment = Comment.objects.select_related("author").filter(pk=pk).first()
    if comment is None or not can(actor, "comments.view_comment", comment):
        raise Comment.DoesNotExist
    return comment


def awaiting_moderation(*, actor: Any) -> QuerySet[Comment] | None:
    """Submitted comments on subjects the actor moderates, oldest first; None (no query)
    for someone who moderates nothing."""
    scope = Q()
    for spec in subject_specs(REGISTRY).values():
        subjects = spec.moderated_by(actor)
        if subjects is not None:
            model = subjects.model
            scope |= Q(content_type=content_type_of(model), object_id__in=subjects.values("pk"))
    if not scope:
        return None
    pending = Comment.objects.filter(scope, status=Status.SUBMITTED)
    return pending.select_related("author").order_by("id")
