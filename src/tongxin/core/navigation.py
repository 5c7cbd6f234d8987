"""The role-aware navigation: each entry shows only to those whose permission opens it.

Which entries a person sees is remembered in the process for a short while (core/memo.py:
settings.TONGXIN_NAV_MEMO_SECONDS, default 30), keyed by the person AND their standing
(what the apps' registers.py put in STANDING: accounts gives the active grants), so a
new or ended membership shows on the next page; what the few data-dependent entries ask
(a delegate now? a rater?) shows within the memo's seconds. The menu is a set of links,
never the lock: every page checks its own permission. Asking ~40 permissions on every
page was about a tenth of an everyday page's time (docs/performance.md, issue 12).
"""

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.functional import Promise

from .authz import can
from .memo import remember
from .registration import by_order, collect


@dataclass(frozen=True)
class NavItem:
    label: str | Promise  # a lazy translation: it renders in the language of the request
    url_name: str
    perm: str | None = None

    @property
    def url(self) -> str:
        return _url(get_script_prefix(), self.url_name)


@lru_cache(maxsize=256)
def _url(prefix: str, url_name: str) -> str:
    """URL patterns never change while the process runs, so each entry is reversed once
    (per script prefix) instead of twice per entry on every page."""
    return reverse(url_name)


@dataclass(frozen=True)
class NavGroup:
    label: str | Promise
    items: tuple[NavItem, ...]


@cache
def registered_navigation() -> list[NavGroup]:
    """Every app's entries (its registers.py) in their groups, both in their declared order.
    Groups become drop-down menus when more than one of their entries is visible."""
    groups = by_order("NAV_GROUPS")
    entries = by_order("NAVIGATION")
    known = {group.key for group in groups}
    stray = [entry.url_name for entry in entries if entry.group not in known]
    if stray:
        raise LookupError(f"navigation entries in no registered group: {stray}")
    return [
        NavGroup(
            group.label,
            tuple(
                NavItem(entry.label, entry.url_name, entry.perm)
                for entry in entries
                if entry.group == group.key
            ),
        )
        for group in groups
    ]


def _visible_now(user: Any) -> frozenset[str]:
    return frozenset(
        item.url_name
        for group in registered_navigation()
        for item in group.items
        if item.perm is None or can(user, item.perm)
    )


def _visible(user: Any) -> frozenset[str]:
    seconds = getattr(settings, "TONGXIN_NAV_MEMO_SECONDS", 30)
    standing = tuple(of(user) for of in collect("STANDING"))
    key = ("navigation", user.pk, user.is_superuser, standing)
    return remember(key, seconds, lambda: _visible_now(user))


def navigation_for(user: Any) -> list[NavGroup]:
    """The groups with the entries the user may open; empty groups are left out."""
    visible = _visible(user)
    groups = []
    for group in registered_navigation():
        items = tuple(item for item in group.items if item.url_name in visible)
        if items:
            groups.append(NavGroup(group.label, items))
    return groups
