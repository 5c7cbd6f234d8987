"""Ways a notification leaves the in-app inbox. One interface; later SMS or WeChat plug in
as another class listed in settings.NOTIFICATION_CHANNELS."""

from typing import Protocol

from django.core.mail import send_mail

from tongxin.accounts.models import User

from .models import Notification


class Channel(Protocol):
    name: str

    def deliver(self, notification: Notification, recipient: User) -> bool:
        """Send it; return False when this channel cannot reach the recipient."""
        ...


class EmailChannel:
    name = "email"

    def deliver(self, notification: Notification, recipient: User) -> bool:
        if not recipient.email:
            return False
        body = notification.body
        if notification.url:
            body = f"{body}\n\n{notification.url}"
        send_mail(f"【同心】{notification.title}", body, None, [recipient.email])
        return True
