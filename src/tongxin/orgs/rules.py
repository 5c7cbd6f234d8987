"""Who may see and shape the organisation tree."""

from typing import Any

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.reach import has_role, reaches_node, sees_structure

from .models import Node


@rules.predicate
def sees_node(user: Any, node: Node | None) -> bool:
    return node is not None and sees_structure(user, node)


@rules.predicate
def reaches(user: Any, node: Node | None) -> bool:
    return node is not None and reaches_node(user, node)


@rules.predicate
def administers_node(user: Any, node: Node | None) -> bool:
    """The school's league advisor, or a federation admin above the node."""
    if node is None:
        return False
    return reaches_node(user, node, roles=[Role.ADVISOR, Role.FEDERATION_ADMIN])


@rules.predicate
def is_federation_member(user: Any) -> bool:
    return has_role(user, Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN, Role.COUNTY_SPECIALIST)


rules.add_perm("orgs.view_node", sees_node)
# Reach over the node's records (not just its place in the org chart): lists of schools.
rules.add_perm("orgs.reach_node", reaches)
rules.add_perm("orgs.create_node", administers_node)
rules.add_perm("orgs.change_node", administers_node)
rules.add_perm("orgs.move_node", administers_node)
rules.add_perm("orgs.view_school_list", is_federation_member)
