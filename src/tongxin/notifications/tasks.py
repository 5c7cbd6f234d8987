"""Background delivery: the in-app row already exists; other channels run here, after commit."""

from django.conf import settings
from django.utils.module_loading import import_string
from django_tasks import task

from .models import Notification


def configured_channels() -> list[object]:
    return [import_string(path)() for path in settings.NOTIFICATION_CHANNELS]


@task()
def deliver_notifications(notification_ids: list[int]) -> int:
    delivered = 0
    channels = configured_channels()
    for notification in Notification.objects.filter(pk__in=notification_ids).select_related(
        "recipient"
    ):
        for channel in channels:
            if channel.deliver(notification, notification.recipient):  # type: ignore[attr-defined]
                delivered += 1
    return delivered
