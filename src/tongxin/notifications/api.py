"""/api/v1/notifications: the caller's inbox, and marking one read."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from tongxin.core.http import NOT_FOUND, ErrorOut, PageQuery
from tongxin.core.pagination import paginate

from . import selectors, services
from .models import Notification
from .schemas import NotificationOut, NotificationPage

router = Router(tags=["notifications"])


def _notification_out(n: Notification) -> NotificationOut:
    return NotificationOut(
        id=n.pk,
        title=n.title,
        body=n.body,
        url=n.url,
        created_at=n.created_at.isoformat(),
        read=n.read_at is not None,
    )


# operation ids: those the endpoints had before they moved here from api/api.py
@router.get(
    "/notifications", response=NotificationPage, operation_id="tongxin_api_api_notification_list"
)
def notification_list(request: HttpRequest, q: Query[PageQuery]) -> Any:
    page = paginate(selectors.notification_list_for(actor=request.user), max(q.page, 1))
    return NotificationPage(
        items=[_notification_out(n) for n in page.items],
        page=page.number,
        has_next=page.has_next,
        unread=selectors.unread_count(request.user),
    )


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, 404: ErrorOut},
    operation_id="tongxin_api_api_notification_read",
)
def notification_read(request: HttpRequest, notification_id: int) -> Any:
    try:
        notification = selectors.notification_get_for(actor=request.user, pk=notification_id)
    except Notification.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc
    notification = services.notification_mark_read(actor=request.user, notification=notification)
    return _notification_out(notification)
