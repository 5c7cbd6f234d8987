"""Notifications' entries in the shared registries (see core/registration.py)."""

from typing import Any

from django.http import HttpRequest

from tongxin.core.registration import ApiRouter, UrlInclude

from .selectors import unread_count


def _unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}


API = [ApiRouter("", "tongxin.notifications.api.router", order=3)]
URLS = [UrlInclude("notifications/", "tongxin.notifications.urls", order=40)]
CONTEXT = [_unread]
