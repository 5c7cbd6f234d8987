"""The one question "may this user do this action on this object", for pages, API and exports.

Predicates live in each app's `rules.py`; this module only asks them.
"""

from typing import Any

from .errors import NotAllowed


def can(actor: Any, perm: str, obj: Any = None) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.has_perm(perm, obj))


def authorize(actor: Any, perm: str, obj: Any = None) -> None:
    """Raise NotAllowed unless `actor` holds `perm` on `obj`."""
    if not can(actor, perm, obj):
        raise NotAllowed(perm)
