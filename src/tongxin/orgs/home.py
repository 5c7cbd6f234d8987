"""The federation cards' school list on the home page (see accounts/home.py)."""

from typing import Any

from tongxin.accounts.models import Role
from tongxin.core.registration import HomePart

from .models import Node, NodeKind

SCHOOLS_ON_HOME = 10


def _schools(grant: Any, node: Node, user: Any) -> dict[str, Any]:
    schools = Node.objects.filter(kind=NodeKind.SCHOOL, path__startswith=node.path)
    return {
        "school_count": schools.count(),
        "schools": list(schools.select_related("parent").order_by("code")[:SCHOOLS_ON_HOME]),
    }


PARTS = [
    HomePart(Role.FEDERATION_STAFF, "orgs/home/_schools.html", _schools, order=20),
    HomePart(Role.FEDERATION_ADMIN, "orgs/home/_schools.html", _schools, order=20),
]
