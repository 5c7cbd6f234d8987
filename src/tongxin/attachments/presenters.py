"""What the attachment panel shows: the subject's files, the upload form if the viewer may
add, a delete button where the viewer may remove (the same rules the services ask)."""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from tongxin.core.authz import can
from tongxin.core.subjects import key_of

from . import selectors
from .content import ACCEPTED, limit_of
from .models import Attachment, Kind


@dataclass
class Item:
    row: Attachment
    can_delete: bool


@dataclass
class Panel:
    key: str
    object_id: int
    items: list[Item] = field(default_factory=list)
    can_add: bool = False
    error: str = ""
    accepted: str = ACCEPTED

    @property
    def image_mb(self) -> int:
        return limit_of(Kind.JPEG) // (1024 * 1024)

    @property
    def document_mb(self) -> int:
        return limit_of(Kind.PDF) // (1024 * 1024)

    @property
    def per_object(self) -> int:
        return int(settings.ATTACHMENTS_PER_OBJECT)

    @property
    def dom_id(self) -> str:
        return f"attachments-{self.key.replace('.', '-')}-{self.object_id}"


def panel_for(user: Any, subject: Any, error: str = "") -> Panel:
    """The panel of a subject the caller has shown `user` (so `user` reads it)."""
    rows = selectors.attachments_of(subject)
    return Panel(
        key=key_of(subject),
        object_id=subject.pk,
        items=[Item(row, can(user, "attachments.delete_attachment", row)) for row in rows],
        can_add=len(rows) < settings.ATTACHMENTS_PER_OBJECT
        and can(user, "attachments.add_attachment", subject),
        error=error,
    )
