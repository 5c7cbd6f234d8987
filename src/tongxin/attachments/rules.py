"""Who may see, add and remove attachments: the subject's own permissions, as its app
registered them (ATTACHABLE in its registers.py). A file is read by whoever reads its object."""

from typing import Any

import rules

from tongxin.core.authz import can
from tongxin.core.subjects import spec_for, subject_of

REGISTRY = "ATTACHABLE"


def _reads(user: Any, subject: Any) -> Any:
    """The subject's spec when the user reads the subject, else None."""
    spec = spec_for(REGISTRY, subject)
    return spec if spec is not None and can(user, spec.read, subject) else None


@rules.predicate
def reads_subject(user: Any, attachment: Any) -> bool:
    return attachment is not None and _reads(user, subject_of(attachment)) is not None


@rules.predicate
def may_attach_to(user: Any, subject: Any) -> bool:
    spec = _reads(user, subject)
    return spec is not None and can(user, spec.add, subject)


@rules.predicate
def may_remove(user: Any, attachment: Any) -> bool:
    """The uploader while they may still attach to the subject, or the subject's manager."""
    if attachment is None:
        return False
    subject = subject_of(attachment)
    spec = _reads(user, subject)
    if spec is None:
        return False
    if spec.manage is not None and can(user, spec.manage, subject):
        return True
    return bool(attachment.uploaded_by_id == user.pk and can(user, spec.add, subject))


rules.add_perm("attachments.view_attachment", reads_subject)
rules.add_perm("attachments.add_attachment", may_attach_to)
rules.add_perm("attachments.delete_attachment", may_remove)
