"""Who may read the audit trail: a school's advisor (their school's chain) and federation
staff (the schools below them plus federation-level events acted within their reach)."""

from typing import Any

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.roles import FEDERATION_ROLES, holds_role, holds_role_over

AUDIT_READERS = (Role.ADVISOR, *FEDERATION_ROLES)


@rules.predicate
def is_school_event(user: Any, event: Any) -> bool:
    return event is not None and event.school is not None


reads_audit = holds_role(*AUDIT_READERS)
# A school's event by its chain's readers; a federation-level one by the federation
# above the node it was acted at.
reads_event = (is_school_event & holds_role_over(*AUDIT_READERS, node_attr="school")) | (
    ~is_school_event & holds_role_over(*FEDERATION_ROLES, node_attr="acting_node")
)

rules.add_perm("audit.view_event_list", reads_audit)
rules.add_perm("audit.view_event", reads_event)
