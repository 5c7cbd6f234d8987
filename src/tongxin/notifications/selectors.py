from typing import Any

from django.db.models import QuerySet

from .models import Notification


def notification_list_for(*, actor: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=actor).order_by("-id")


def notification_get_for(*, actor: Any, pk: int) -> Notification:
    return notification_list_for(actor=actor).get(pk=pk)


# The header's badge stops counting here ("99+"): every page shows it, and someone who never
# reads their notifications must not make every page count thousands of rows.
UNREAD_SHOWN = 99


def unread_count(user: Any, *, cap: int | None = None) -> int:
    """The user's unread notifications; with `cap`, counting stops after cap + 1 rows."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if cap is not None:
        return unread.values("pk")[: cap + 1].count()
    return unread.count()
