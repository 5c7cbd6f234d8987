from typing import Any

from django.db.models import QuerySet

from .models import Notification


def notification_list_for(*, actor: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=actor).order_by("-id")


def notification_get_for(*, actor: Any, pk: int) -> Notification:
    return notification_list_for(actor=actor).get(pk=pk)


def unread_count(user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
