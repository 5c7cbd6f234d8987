"""Who may see and manage people."""

from typing import Any

import rules

from tongxin.orgs.models import Node

from .models import ApiToken, Role, User
from .reach import has_role, reaches_node


@rules.predicate
def is_self(user: Any, person: User | None) -> bool:
    return person is not None and user.pk == person.pk


@rules.predicate
def advises_person(user: Any, person: User | None) -> bool:
    return (
        person is not None
        and person.school is not None
        and reaches_node(user, person.school, roles=[Role.ADVISOR])
    )


@rules.predicate
def secretary_of_person(user: Any, person: User | None) -> bool:
    return (
        person is not None
        and person.college is not None
        and reaches_node(user, person.college, roles=[Role.COLLEGE_SECRETARY])
    )


@rules.predicate
def administers_membership_node(user: Any, node: Node | None) -> bool:
    return node is not None and reaches_node(
        user, node, roles=[Role.ADVISOR, Role.FEDERATION_ADMIN]
    )


@rules.predicate
def owns_token(user: Any, token: ApiToken | None) -> bool:
    return token is not None and token.user_id == user.pk


@rules.predicate
def is_people_manager(user: Any) -> bool:
    return has_role(user, Role.ADVISOR, Role.COLLEGE_SECRETARY)


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
