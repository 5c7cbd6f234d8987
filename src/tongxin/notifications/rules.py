import rules

from .models import Notification


@rules.predicate
def is_recipient(user: object, notification: Notification | None) -> bool:
    return notification is not None and notification.recipient_id == getattr(user, "pk", None)


rules.add_perm("notifications.read_notification", is_recipient)
