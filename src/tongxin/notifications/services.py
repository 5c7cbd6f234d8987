"""Writing notifications.

    notify() ──► unread ──(recipient opens / marks)──► read

Reading is the recipient's own bookkeeping, not a change to the shared record: it writes no
audit event (an event per click would sit in the school's chain next to the events that
caused the notification — about an anonymous issue, say — and take the chain's lock).

`notify()` joins the caller's transaction for the in-app rows and hands other channels to
the worker *after commit*, so nobody is mailed about a change that rolled back.
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

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
    return notification


@transaction.atomic
def notification_open(*, actor: Any, notification: Notification) -> int:
    """The recipient follows a notification to its page (查看): it is read, and so is every
    other unread notification of theirs that points at the same page — the page shows what
    they all announced, so none of them should keep the badge up. Returns how many."""
    authorize(actor, "notifications.read_notification", notification)
    unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if notification.url:
        unread = unread.filter(url=notification.url)
    else:
        unread = unread.filter(pk=notification.pk)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def notification_mark_all_read(*, actor: Any) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
