"""Who may see and do what in the student congress (学生代表大会): the one place for it.

Composed from the shared predicates of tongxin.accounts.roles. Each part keeps its rules in
its own section below.
"""

from typing import Any

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.roles import grants_where, holds_role, holds_role_over
from tongxin.orgs.models import NodeKind

# --- sessions (届次与会议) -------------------------------------------------------------


# --- delegates (代表) -------------------------------------------------------------------


# --- rating (评定) ----------------------------------------------------------------------
# Who rates a union's congress of the year (优 / 合格 / 重点关注):
# - a school-level union (school union, graduate union): federation staff or admins held at
#   the CITY whose subtree holds the school (directly or under a county);
# - a college union: the league advisor of its school.
# Reading the tables: the raters, plus province staff and admins, who read every city's
# table of school-level unions (read-only: the rating is the city's judgement). County
# specialists neither read nor rate: the rating is the city federation's work, and the
# county only guides its schools.
RATING_FEDERATION_ROLES = (Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN)
SCHOOL_LEVEL_UNION_KINDS = (NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION)


@rules.predicate
def is_school_level_union(user: Any, union: Any) -> bool:
    return union is not None and union.kind in SCHOOL_LEVEL_UNION_KINDS


@rules.predicate
def is_college_union(user: Any, union: Any) -> bool:
    return union is not None and union.kind == NodeKind.COLLEGE_UNION


def city_rater_grants(user: Any) -> list[Any]:
    """The user's federation grants held at a city (the ones that rate)."""
    return grants_where(user, *RATING_FEDERATION_ROLES, node_kinds={NodeKind.CITY})


@rules.predicate
def rates_as_city(user: Any, union: Any) -> bool:
    return union is not None and any(union.path.startswith(g.path) for g in city_rater_grants(user))


reads_as_federation = holds_role_over(*RATING_FEDERATION_ROLES)
advises_union = holds_role_over(Role.ADVISOR)
opens_rating_table = holds_role(Role.ADVISOR, *RATING_FEDERATION_ROLES)

rules.add_perm("congress.view_rating_table", opens_rating_table)  # may open the table at all
rules.add_perm(  # object: a union Node
    "congress.view_rating",
    (is_school_level_union & reads_as_federation) | (is_college_union & advises_union),
)
rules.add_perm(  # object: a union Node
    "congress.rate_union",
    (is_school_level_union & rates_as_city) | (is_college_union & advises_union),
)


__all__ = ["Any", "Role", "holds_role_over", "rules"]
