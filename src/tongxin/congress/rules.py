"""Who may see and do what in the student congress (学生代表大会): the one place for it.

Composed from the shared predicates of tongxin.accounts.roles. Each part keeps its rules in
its own section below.
"""

from typing import Any

import rules

from tongxin.accounts.models import Role

# --- sessions (届次与会议) -------------------------------------------------------------
# A line or session names its union (union_id), its school and its supervising body
# (supervisor_id: the school for a college union, the city federation for a school or
# graduate union). The union's officers run it; the supervisor approves, returns, closes;
# the school's advisor sees every union of the school and enters a congress held before
# Tongxin; the province's admin edits the rules.
from tongxin.accounts.roles import grants_where, holds_role, holds_role_at, holds_role_over
from tongxin.orgs.models import NodeKind

SUPERVISOR_ROLES = (Role.ADVISOR, Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN)
CITY_STAFF_ROLES = (Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN)

officer_of_union = holds_role_at(Role.OFFICER, node_id_attr="union_id")
# Exactly at the supervising node: the school's advisor, the city federation's staff (a
# county specialist or the province never supervise a congress).
supervises = holds_role_at(*SUPERVISOR_ROLES, node_id_attr="supervisor_id")
advises_union_school = holds_role_over(Role.ADVISOR, node_attr="school")


@rules.predicate
def is_city_staff(user: Any) -> bool:
    return bool(grants_where(user, *CITY_STAFF_ROLES, node_kinds={NodeKind.CITY}))


@rules.predicate
def is_union_officer(user: Any) -> bool:
    kinds = {NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION, NodeKind.COLLEGE_UNION}
    return bool(grants_where(user, Role.OFFICER, node_kinds=kinds))


sees_congress = officer_of_union | advises_union_school | supervises

rules.add_perm("congress.view_line", sees_congress)
rules.add_perm("congress.view_session", sees_congress)
rules.add_perm("congress.plan_session", officer_of_union)
rules.add_perm("congress.apply_session", officer_of_union)
rules.add_perm("congress.run_session", officer_of_union)
rules.add_perm("congress.decide_session", supervises)
rules.add_perm("congress.close_session", supervises)
rules.add_perm("congress.cancel_session", officer_of_union | supervises)
rules.add_perm("congress.enter_past_session", advises_union_school)
# Pages.
rules.add_perm("congress.open_union_page", is_union_officer)
rules.add_perm("congress.open_supervisor_page", holds_role(Role.ADVISOR) | is_city_staff)
rules.add_perm("congress.manage_rules", holds_role(Role.FEDERATION_ADMIN))


# --- delegates (代表) -------------------------------------------------------------------


# --- rating (评定) ----------------------------------------------------------------------


__all__ = ["Any", "Role", "holds_role_over", "rules"]
