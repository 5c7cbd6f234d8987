"""The rights desk's parts of the per-role home cards (see accounts/home.py)."""

from typing import Any

from tongxin.accounts.models import Role
from tongxin.core.registration import HomePart

from .selectors import home_for_advisor, home_for_office, home_for_student, home_for_union


def _my_issues(grant: Any, node: Any, user: Any) -> dict[str, Any]:
    return {"issues": home_for_student(user)}


def _union_queue(grant: Any, node: Any, user: Any) -> dict[str, Any]:
    return {"queue": home_for_union(node.pk)}


def _office_inbox(grant: Any, node: Any, user: Any) -> dict[str, Any]:
    return {"inbox": home_for_office(user)}


def _advisor_attention(grant: Any, node: Any, user: Any) -> dict[str, Any]:
    return {"attention": home_for_advisor(node.pk)}


PARTS = [
    HomePart(Role.STUDENT, "rights/home/_my_issues.html", _my_issues, order=20),
    HomePart(Role.OFFICER, "rights/home/_union_queue.html", _union_queue, order=10),
    HomePart(Role.OFFICE_HANDLER, "rights/home/_office_inbox.html", _office_inbox, order=10),
    HomePart(Role.ADVISOR, "rights/home/_advisor_attention.html", _advisor_attention, 10),
]
