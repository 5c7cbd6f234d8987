"""Who may read the audit trail: a school's advisor (their school's chain) and federation
staff (the schools below them plus federation-level events acted within their reach)."""

from typing import Any

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.reach import has_role, reaches_node

FEDERATION_ROLES = [Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN, Role.COUNTY_SPECIALIST]
AUDIT_READERS = [Role.ADVISOR, *FEDERATION_ROLES]


@rules.predicate
def reads_audit(user: Any) -> bool:
    return has_role(user, *AUDIT_READERS)


@rules.predicate
def reads_event(user: Any, event: Any) -> bool:
    if event is None:
        return False
    if event.school is not None:
        return reaches_node(user, event.school, roles=AUDIT_READERS)
    return event.acting_node is not None and reaches_node(
        user, event.acting_node, roles=FEDERATION_ROLES
    )


rules.add_perm("audit.view_event_list", reads_audit)
rules.add_perm("audit.view_event", reads_event)
