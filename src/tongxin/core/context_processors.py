"""What every page needs: the role-aware navigation, plus what the apps contribute (the demo
banner's flag from orgs, the unread count from notifications: their registers.py's CONTEXT)."""

from typing import Any

from django.http import HttpRequest

from .navigation import navigation_for
from .registration import collect


def site(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for contribute in collect("CONTEXT"):
        context.update(contribute(request))
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["nav_items"] = navigation_for(user)
    return context
