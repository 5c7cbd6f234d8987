"""What every page needs: the demo banner, the role-aware navigation and the unread count."""

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest

from .navigation import navigation_for


def _is_demo() -> bool:
    from tongxin.orgs.models import Node, NodeKind

    flag = cache.get("tongxin:is-demo")
    if flag is None:
        flag = Node.objects.filter(kind=NodeKind.PROVINCE, is_demo=True).exists()
        cache.set("tongxin:is-demo", flag, 300)
    return bool(flag)


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"is_demo": _is_demo()}
    if user is not None and user.is_authenticated:
        from tongxin.notifications.selectors import unread_count

        context["nav_items"] = navigation_for(user)
        context["unread_notifications"] = unread_count(user)
    return context
