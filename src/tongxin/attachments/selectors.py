"""Reads of attachments: one gate per attachment and per subject (missing and out of sight
alike raise DoesNotExist, which pages answer with 404)."""

from typing import Any

from django.db.models import QuerySet

from tongxin.core import subjects
from tongxin.core.authz import can
from tongxin.core.subjects import attach_subject, content_type_of

from .models import Attachment
from .rules import REGISTRY


def subject_get_for(*, actor: Any, key: str, object_id: int) -> Any:
    """A registered subject the actor reads, or None (missing and unread alike)."""
    return subjects.subject_get_for(REGISTRY, actor=actor, key=key, object_id=object_id)


def attachment_get_for(*, actor: Any, pk: int) -> Attachment:
    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None or not can(actor, "attachments.view_attachment", attachment):
        raise Attachment.DoesNotExist
    return attachment


def attachments_of(subject: Any) -> list[Attachment]:
    """The subject's files, oldest first (at most ATTACHMENTS_PER_OBJECT of them); the
    caller has authorised the reader."""
    rows = list(_of(subject).select_related("uploaded_by").order_by("id"))
    attach_subject(rows, subject)
    return rows


def count_of(subject: Any) -> int:
    return _of(subject).count()


def _of(subject: Any) -> QuerySet[Attachment]:
    return Attachment.objects.filter(content_type=content_type_of(subject), object_id=subject.pk)
