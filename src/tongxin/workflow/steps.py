"""What every step of a versioned workflow shares, written once for every app.

    lock(obj, expected_version) ──► require_state(…) ──► require_text(…) ──► change
        ──► save_step(obj, fields) (version + 1) ──► record_step(…): timeline line + audit event
        ──► tell(…): in-app notifications now, other channels after commit

A service calls these inside its own `transaction.atomic` after `authorize()`: the row
lock, the version check and the audit event then share one transaction, so concurrent
steps never lose an update (on SQLite the immediate transaction serialises writers; on
PostgreSQL the row lock does) and a refused step changes nothing.
"""

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _

from tongxin.audit import services as audit
from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, StaleObject
from tongxin.notifications.services import notify

DEFAULT_MAX_TEXT = 2000


V = TypeVar("V", bound=models.Model)


def _name(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name)


def lock(obj: V, expected_version: int | None, *, related: Iterable[str] = ()) -> V:
    """Re-read `obj` under a row lock (with `related` joined, not locked); refuse when its
    version moved on since the actor's page showed it. `None` skips the check: steps the
    worker takes, or that cannot conflict, still get the lock."""
    model = type(obj)
    rows = model._default_manager.select_for_update(of=("self",))
    related = list(related)
    if related:
        rows = rows.select_related(*related)
    fresh = rows.get(pk=obj.pk)
    if expected_version is not None and fresh.version != expected_version:  # type: ignore[attr-defined]
        raise StaleObject(_("该%(name)s已被他人修改，请刷新后重试。") % {"name": _name(model)})
    return fresh


def require_state(
    obj: models.Model,
    allowed: Iterable[str],
    *,
    action: str,
    attr: str = "status",
) -> None:
    """Refuse the step unless `obj.<attr>` is one of `allowed`; the message names the state
    it is in, the states the step needs and the step, in Chinese."""
    allowed = list(allowed)
    now = getattr(obj, attr)
    if now in allowed:
        return
    field = type(obj)._meta.get_field(attr)
    labels: dict[Any, Any] = dict(getattr(field, "flatchoices", []))
    names = "、".join(f"“{labels.get(s, s)}”" for s in allowed)
    raise DomainError(
        _("当前状态为“%(now)s”，只有%(names)s的%(noun)s可以%(action)s。")
        % {
            "now": labels.get(now, now),
            "names": names,
            "noun": _name(type(obj)),
            "action": action,
        },
        field=attr,
    )


def require_text(
    value: str | None, field: str, label: str, max_length: int = DEFAULT_MAX_TEXT
) -> str:
    """The stripped text, or a DomainError naming the field (empty, or longer than allowed)."""
    value = (value or "").strip()
    if not value:
        raise DomainError(_("请填写%(label)s。") % {"label": label}, field=field)
    if len(value) > max_length:
        raise DomainError(
            _("%(label)s不能超过 %(n)d 个字。") % {"label": label, "n": max_length}, field=field
        )
    return value


def _touched(obj: models.Model) -> list[str]:
    """The auto-updated timestamps a partial save must name, or Django leaves them stale."""
    return [
        f.name for f in obj._meta.concrete_fields if isinstance(f, models.DateField) and f.auto_now
    ]


def save_step(obj: models.Model, *fields: str) -> None:
    """Save the changed `fields` with the version bumped (and auto-updated timestamps)."""
    obj.version += 1  # type: ignore[attr-defined]
    obj.save(update_fields=list(dict.fromkeys([*fields, "version", *_touched(obj)])))


def record_step(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    line: models.Model | None = None,
    data: Mapping[str, Any] | None = None,
    school: Any = None,
    role: str | None = None,
    node: Any = None,
    sealed_label: str | None = None,
) -> AuditEvent:
    """The step's line on the object's timeline (an unsaved row of the app's event model,
    when the workflow keeps one) and its audit event, in the caller's transaction.

    `role`/`node` name the membership the actor acted under when the app knows it;
    `sealed_label` replaces the actor (an anonymous reporter) in the audit trail."""
    if line is not None:
        line.save()
    return audit.record(
        actor=actor,
        action=action,
        target=target,
        data=dict(data or {}),
        school=school,
        role=role,
        node=node,
        sealed_label=sealed_label,
    )


def page_of(url_name: str, obj: models.Model) -> str:
    """The object's page, by URL name (never built by hand)."""
    return reverse(url_name, args=[obj.pk])


def tell(
    users: Iterable[Any],
    *,
    verb: str,
    title: str,
    body: str = "",
    url: str = "",
    school: Any = None,
    skip: Any = None,
) -> None:
    """Notify `users` (minus `skip`, usually the actor): the in-app rows join the caller's
    transaction, e-mail and other channels go out after commit (notifications.notify)."""
    notify(
        recipients=[u for u in users if u is not None and (skip is None or u.pk != skip.pk)],
        verb=verb,
        title=title,
        body=body,
        url=url,
        school=school,
    )
