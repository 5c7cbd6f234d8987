"""The role-aware navigation: each entry shows only to those whose permission opens it."""

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from django.urls import get_script_prefix, reverse
from django.utils.functional import Promise

from .authz import can
from .registration import by_order


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


def navigation_for(user: Any) -> list[NavGroup]:
    """The groups with the entries the user may open; empty groups are left out."""
    groups = []
    for group in registered_navigation():
        visible = tuple(item for item in group.items if item.perm is None or can(user, item.perm))
        if visible:
            groups.append(NavGroup(group.label, visible))
    return groups
