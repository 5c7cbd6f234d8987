"""Who may read the audit trail: a school's advisor (their school's chain) and federation
staff (the schools below them plus federation-level events)."""

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.reach import has_role

AUDIT_READERS = [Role.ADVISOR, Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN]


@rules.predicate
def reads_audit(user: object) -> bool:
    return has_role(user, *AUDIT_READERS)


rules.add_perm("audit.view_event_list", reads_audit)
