"""Who may see and manage people."""

from typing import Any

import rules

from .models import ApiToken, Role
from .roles import (
    advises_person,
    holds_role,
    holds_role_over,
    is_self,
    secretary_of_person,
)

administers_membership_node = holds_role_over(Role.ADVISOR, Role.FEDERATION_ADMIN)
is_people_manager = holds_role(Role.ADVISOR, Role.COLLEGE_SECRETARY)


@rules.predicate
def owns_token(user: Any, token: ApiToken | None) -> bool:
    return token is not None and token.user_id == user.pk


rules.add_perm("accounts.view_user", is_self | advises_person | secretary_of_person)
# Political status and phone: the advisor and the person only (DESIGN.md, sensitive fields).
rules.add_perm("accounts.view_sensitive_user", is_self | advises_person)
rules.add_perm("accounts.activate_user", advises_person & ~is_self)
# Resetting an active account: the advisor, never on their own account (they change it).
rules.add_perm("accounts.reset_user_password", advises_person & ~is_self)
rules.add_perm("accounts.view_own_security", rules.is_authenticated)
rules.add_perm("accounts.grant_membership", administers_membership_node)
rules.add_perm("accounts.view_people_list", is_people_manager)
rules.add_perm("accounts.manage_own_tokens", rules.is_authenticated & is_self)
rules.add_perm("accounts.revoke_token", owns_token)
