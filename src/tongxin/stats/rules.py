"""Who may read the rights desk's statistics and weekly reports.

- A school's statistics: its league advisor, and federation staff or admins whose city or
  province lies above it. Everyone else may never open a statistics page (403).
- The cross-school overview: federation staff and admins (their reach: a city's staff see
  their city's schools).
- A school's weekly report: the officers of the school union and the graduate union, the
  advisor, and the federation above; the federation reads the aggregate figures and only
  the items escalated to the city (`reads_full_report` tells which).
"""

from typing import Any

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.roles import (
    FEDERATION_ROLES,
    holds_role,
    holds_role_over,
    is_federation_member,
    school_ids_where,
)
from tongxin.orgs.models import NodeKind

from .models import WeeklyReport

STATS_ROLES = (Role.ADVISOR, *FEDERATION_ROLES)
REPORT_UNION_KINDS = {NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION}


def report_officer_school_ids(user: Any) -> list[int]:
    """Schools whose weekly report the user receives as an officer of the school-level
    unions (the college unions' officers do not)."""
    return school_ids_where(user, Role.OFFICER, node_kinds=REPORT_UNION_KINDS)


@rules.predicate
def is_school(user: Any, node: Any) -> bool:
    return node is not None and node.kind == NodeKind.SCHOOL


@rules.predicate
def receives_report_as_officer(user: Any, report: WeeklyReport | None) -> bool:
    return report is not None and report.school_id in report_officer_school_ids(user)


@rules.predicate
def is_system_actor(user: Any) -> bool:
    """The worker's named actor: reports are built by schedule, never by hand."""
    return bool(getattr(user, "is_system", False))


opens_stats = holds_role(*STATS_ROLES)
reads_school_stats = is_school & holds_role_over(*STATS_ROLES)
opens_reports = holds_role(Role.OFFICER, *STATS_ROLES)
reads_full_report = receives_report_as_officer | holds_role_over(Role.ADVISOR, node_attr="school")
reads_federation_report = holds_role_over(*FEDERATION_ROLES, node_attr="school")

rules.add_perm("stats.view_stats", opens_stats)  # may open statistics pages at all
rules.add_perm("stats.view_school_stats", reads_school_stats)  # object: a school Node
rules.add_perm("stats.view_overview", is_federation_member)
rules.add_perm("stats.view_report_list", opens_reports)
rules.add_perm("stats.view_weekly_report", reads_full_report | reads_federation_report)
rules.add_perm("stats.view_full_weekly_report", reads_full_report)
rules.add_perm("stats.build_weekly_report", is_system_actor)
