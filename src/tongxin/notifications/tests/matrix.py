"""The authorization matrix's rows of the notifications app (tests/test_authorization_matrix.py)."""

from tongxin.notifications.models import Notification
from tongxin.notifications.selectors import notification_list_for
from tongxin.testing.matrix import (
    EVERYONE,
    Grant,
    Row,
)

ROWS = [
    Row("notifications", lambda p: "/notifications/", EVERYONE, []),
    Row("API notifications", lambda p: "/api/v1/notifications", EVERYONE, []),
]

GRANTS = [
    Grant(
        "a notification of student A",
        "notifications.read_notification",
        lambda p: p.issues["notification_student_a"],
        ["student_a"],
        listed=notification_list_for,
        among=lambda p: Notification.objects.all(),
    ),
]
