"""Objects that carry add-ons of a platform app (files, comments): the subject registries.

An app lists in its registers.py which of its models are subjects (ATTACHABLE, COMMENTABLE;
see registration.py) with the permissions the add-on asks on the subject. The add-on's rows
point at their subject by content type and id; these helpers turn either side into the other
without core knowing any app.
"""

from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .authz import can
from .registration import subject_specs


def key_of(obj: models.Model) -> str:
    """The subject's registry key: "rights.issue"."""
    return obj._meta.label_lower


def spec_for(registry: str, obj: Any) -> Any | None:
    """The registered spec of `obj`'s model, or None when its app did not register it."""
    if not isinstance(obj, models.Model):
        return None
    return subject_specs(registry).get(key_of(obj))


def subject_load(registry: str, key: str, object_id: int) -> tuple[Any, models.Model] | None:
    """(spec, subject) for a registered key and an id; None when either is unknown. The
    caller authorizes the reader (spec.read) before showing anything."""
    spec = subject_specs(registry).get(key)
    if spec is None:
        return None
    model = apps.get_model(spec.model)
    subject = model._default_manager.filter(pk=object_id).first()
    return None if subject is None else (spec, subject)


def subject_get_for(registry: str, *, actor: Any, key: str, object_id: int) -> Any:
    """The registered subject `actor` reads (its spec's `read` permission), or None for an
    unknown key, a missing object and an unread one alike (pages answer 404)."""
    found = subject_load(registry, key, object_id)
    if found is None or not can(actor, found[0].read, found[1]):
        return None
    return found[1]


def subject_of(row: Any) -> models.Model | None:
    """The subject an add-on row (content_type, object_id) points at, or None if gone;
    kept on the row, so its rules and its page ask once."""
    if "_subject" in row.__dict__:
        return row.__dict__["_subject"]
    row.__dict__["_subject"] = _load(row)
    return row.__dict__["_subject"]


def _load(row: Any) -> models.Model | None:
    model = ContentType.objects.get_for_id(row.content_type_id).model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=row.object_id).first()


def content_type_of(obj: models.Model) -> ContentType:
    return ContentType.objects.get_for_model(obj)


def school_id_of(spec: Any, subject: Any) -> int:
    return int(getattr(subject, spec.school_attr))


def prime_subjects(rows: list[Any]) -> None:
    """Load the subjects of many add-on rows with one query per model (a page of a queue)."""
    groups: dict[int, list[Any]] = {}
    for row in rows:
        groups.setdefault(row.content_type_id, []).append(row)
    for type_id, group in groups.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        found = model._default_manager.in_bulk({r.object_id for r in group}) if model else {}
        for row in group:
            row.__dict__["_subject"] = found.get(row.object_id)


def attach_subject(rows: list[Any], subject: models.Model) -> None:
    """Rows read for one subject already known: their rules ask it no query."""
    for row in rows:
        row.__dict__["_subject"] = subject
