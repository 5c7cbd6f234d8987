"""The congress sessions' part of the union officer's home card: when the union is due its
next congress (see accounts/home.py)."""

from typing import Any

from tongxin.accounts.models import Role
from tongxin.core.registration import HomePart

from . import selectors
from .presenters import due_of


def _union_due(grant: Any, node: Any, user: Any) -> dict[str, Any]:
    line = selectors.line_of_union(node.pk) if node is not None else None
    return {"line": line, "due": due_of(line) if line is not None else None}


PARTS = [HomePart(Role.OFFICER, "congress/session/home/_due.html", _union_due, order=40)]
