"""Who may read, write and moderate comments: the subject's own permissions, as its app
registered them (COMMENTABLE in its registers.py). Readers of the subject see approved
comments; an author also sees their own; the unit's moderator sees and moves them all."""

from typing import Any

import rules

from tongxin.core.authz import can
from tongxin.core.subjects import spec_for, subject_of

from .models import Status

REGISTRY = "COMMENTABLE"


def _reads(user: Any, subject: Any) -> Any:
    spec = spec_for(REGISTRY, subject)
    return spec if spec is not None and can(user, spec.read, subject) else None


def moderates_subject(user: Any, subject: Any) -> bool:
    spec = _reads(user, subject)
    return spec is not None and can(user, spec.moderate, subject)


@rules.predicate
def moderates_comment(user: Any, comment: Any) -> bool:
    return comment is not None and moderates_subject(user, subject_of(comment))


@rules.predicate
def reads_comment(user: Any, comment: Any) -> bool:
    if comment is None:
        return False
    subject = subject_of(comment)
    if _reads(user, subject) is None:
        return False
    mine = comment.author_id == user.pk
    return comment.status == Status.APPROVED or mine or moderates_subject(user, subject)


@rules.predicate
def may_comment_on(user: Any, subject: Any) -> bool:
    spec = _reads(user, subject)
    return spec is not None and can(user, spec.add, subject)


rules.add_perm("comments.view_comment", reads_comment)
rules.add_perm("comments.add_comment", may_comment_on)
rules.add_perm("comments.moderate_comment", moderates_comment)
