"""Every write of attachments: upload and delete, each with its audit event.

(none) ── upload: may add to the subject, kind by bytes, size, images re-encoded ──► stored
stored ── delete: the uploader (while they may add) or the subject's manager ──► gone
          (the row and its event in the transaction; the file leaves storage after commit)
"""

import unicodedata
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils.translation import gettext as _

from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.core.subjects import content_type_of, key_of, school_id_of, spec_for

from . import content
from .models import Attachment
from .rules import REGISTRY

NAME_LENGTH = Attachment._meta.get_field("name").max_length or 120


def display_name(raw: str | None, kind: str) -> str:
    """The name shown and offered on download: the last path part, no control characters,
    cut to the column's length with the extension of what the file really is."""
    name = PurePath((raw or "").replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    stem = (name.rsplit(".", 1)[0] if "." in name else name).strip(" .") or _("附件")
    suffix = ".jpg" if kind == "jpeg" else f".{kind}"
    return stem[: NAME_LENGTH - len(suffix)] + suffix


def _lock_subject(subject: Any) -> None:
    """Uploads to one subject queue behind its row lock, so its file limit holds."""
    type(subject)._default_manager.select_for_update().filter(pk=subject.pk).exists()


def attachment_store(
    *, subject: Any, upload: UploadedFile, uploaded_by: Any, images_only: bool = False
) -> Attachment:
    """Check and store a file on `subject` for a service of the subject's own app, inside
    its transaction: that service has authorised its actor and its audit event covers the
    file. `uploaded_by=None` keeps no uploader — a photo sent with an anonymous issue must
    not name its reporter."""
    if not connection.in_atomic_block:
        raise RuntimeError("attachment_store() runs inside the calling service's transaction")
    checked = content.check(upload, images_only=images_only)  # before the lock: decoding
    _lock_subject(subject)
    kind_type = content_type_of(subject)
    limit = settings.ATTACHMENTS_PER_OBJECT
    if Attachment.objects.filter(content_type=kind_type, object_id=subject.pk).count() >= limit:
        raise DomainError(_("每项最多上传 %(n)d 个附件。") % {"n": limit}, field="file")
    attachment = Attachment(
        school_id=school_id_of(spec_for(REGISTRY, subject), subject),
        content_type=kind_type,
        object_id=subject.pk,
        name=display_name(upload.name, checked.kind),
        kind=checked.kind,
        size=checked.size,
        width=checked.width,
        height=checked.height,
        uploaded_by=uploaded_by,
    )
    attachment.file.save(checked.content.name or "", checked.content, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name or "")  # no row, no file
        raise
    return attachment


@transaction.atomic
def attachment_upload(*, actor: Any, subject: Any, upload: UploadedFile) -> Attachment:
    authorize(actor, "attachments.add_attachment", subject)
    attachment = attachment_store(subject=subject, upload=upload, uploaded_by=actor)
    try:
        audit.record(
            actor=actor,
            action="attachments.attachment.uploaded",
            target=attachment,
            data=_described(attachment, key_of(subject)),
        )
    except Exception:
        attachment.file.storage.delete(attachment.file.name or "")
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, actor: Any, attachment: Attachment) -> None:
    authorize(actor, "attachments.delete_attachment", attachment)
    locked = Attachment.objects.select_for_update().filter(pk=attachment.pk).first()
    if locked is None:
        raise DomainError(_("该附件已被删除。"))
    storage, stored = locked.file.storage, locked.file.name or ""
    audit.record(
        actor=actor,
        action="attachments.attachment.deleted",
        target=locked,
        data=_described(locked, f"{locked.content_type.app_label}.{locked.content_type.model}"),
    )
    locked.delete()
    transaction.on_commit(lambda: storage.delete(stored))


def _described(attachment: Attachment, key: str) -> dict[str, Any]:
    return {
        "subject": key,
        "object": attachment.object_id,
        "name": attachment.name,
        "kind": attachment.kind,
        "size": attachment.size,
    }
