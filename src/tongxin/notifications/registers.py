"""Notifications' entries in the shared registries (see core/registration.py)."""

from typing import Any

from django.http import HttpRequest

from tongxin.core.registration import ApiRouter, UrlInclude

from .selectors import UNREAD_SHOWN, unread_count


def _unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    count = unread_count(user, cap=UNREAD_SHOWN)
    return {
        "unread_notifications": count,
        "unread_badge": f"{UNREAD_SHOWN}+" if count > UNREAD_SHOWN else str(count),
    }


API = [ApiRouter("", "tongxin.notifications.api.router", order=3)]
URLS = [UrlInclude("notifications/", "tongxin.notifications.urls", order=40)]
CONTEXT = [_unread]
