"""Writing notifications.

    notify() ──► unread ──(recipient opens / marks)──► read

`notify()` joins the caller's transaction for the in-app rows and hands other channels to
the worker *after commit*, so nobody is mailed about a change that rolled back.
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from tongxin.audit import services as audit
from tongxin.core.authz import authorize

from .models import Notification


def notify(
    *,
    recipients: Iterable[Any],
    verb: str,
    title: str,
    body: str = "",
    url: str = "",
    school: Any = None,
) -> list[Notification]:
    """Queue one notification per distinct recipient. Called by other services inside their
    transaction; the notifying service's own audit event covers it."""
    unique = {r.pk: r for r in recipients if r is not None and not getattr(r, "is_system", False)}
    rows = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=pk,
                verb=verb,
                title=title,
                body=body,
                url=url,
                school_id=getattr(school, "pk", None),
            )
            for pk in unique
        ]
    )
    ids = [n.pk for n in rows]
    if ids:
        from .tasks import deliver_notifications

        transaction.on_commit(lambda: deliver_notifications.enqueue(notification_ids=ids))
    return rows


@transaction.atomic
def notification_mark_read(*, actor: Any, notification: Notification) -> Notification:
    authorize(actor, "notifications.read_notification", notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit.record(actor=actor, action="notifications.notification.read", target=notification)
    return notification


@transaction.atomic
def notification_mark_all_read(*, actor: Any) -> int:
    count = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        audit.record(
            actor=actor,
            action="notifications.notification.all_read",
            target=actor,
            school=actor.school,
            data={"count": count},
        )
    return count
