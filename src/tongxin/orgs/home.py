"""The federation cards' school list on the home page (see accounts/home.py)."""

from typing import Any

from tongxin.accounts.roles import FEDERATION_ROLES
from tongxin.core.registration import HomePart

from .models import Node
from .selectors import schools_below, with_city_name

SCHOOLS_ON_HOME = 10


def _schools(grant: Any, node: Node, user: Any) -> dict[str, Any]:
    schools = schools_below(node)
    return {
        "school_count": schools.count(),
        "schools": list(
            with_city_name(schools).select_related("parent").order_by("code")[:SCHOOLS_ON_HOME]
        ),
    }


# Every federation role's card (a county specialist's too) lists the schools below it.
PARTS = [HomePart(role, "orgs/home/_schools.html", _schools, order=20) for role in FEDERATION_ROLES]
