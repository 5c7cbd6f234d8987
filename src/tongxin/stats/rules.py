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
from tongxin.accounts.reach import grants_of, has_role, reaches_node
from tongxin.orgs.models import Node, NodeKind

from .models import WeeklyReport

FEDERATION_ROLES = [Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN, Role.COUNTY_SPECIALIST]
STATS_ROLES = [Role.ADVISOR, *FEDERATION_ROLES]
REPORT_UNION_KINDS = {NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION}


def report_officer_school_ids(user: Any) -> set[int]:
    """Schools whose weekly report the user receives as an officer of the school-level
    unions (the college unions' officers do not)."""
    return {
        g.school_id
        for g in grants_of(user)
        if g.role == Role.OFFICER and g.node_kind in REPORT_UNION_KINDS and g.school_id
    }


@rules.predicate
def opens_stats(user: Any) -> bool:
    return has_role(user, *STATS_ROLES)


@rules.predicate
def is_federation_member(user: Any) -> bool:
    return has_role(user, *FEDERATION_ROLES)


@rules.predicate
def reads_school_stats(user: Any, school: Node | None) -> bool:
    return (
        school is not None
        and school.kind == NodeKind.SCHOOL
        and reaches_node(user, school, roles=STATS_ROLES)
    )


@rules.predicate
def opens_reports(user: Any) -> bool:
    return has_role(user, Role.OFFICER, *STATS_ROLES)


@rules.predicate
def reads_full_report(user: Any, report: WeeklyReport | None) -> bool:
    if report is None:
        return False
    return report.school_id in report_officer_school_ids(user) or reaches_node(
        user, report.school, roles=[Role.ADVISOR]
    )


@rules.predicate
def reads_federation_report(user: Any, report: WeeklyReport | None) -> bool:
    return report is not None and reaches_node(user, report.school, roles=FEDERATION_ROLES)


@rules.predicate
def is_system_actor(user: Any) -> bool:
    """The worker's named actor: reports are built by schedule, never by hand."""
    return bool(getattr(user, "is_system", False))


rules.add_perm("stats.view_stats", opens_stats)  # may open statistics pages at all
rules.add_perm("stats.view_school_stats", reads_school_stats)  # object: a school Node
rules.add_perm("stats.view_overview", is_federation_member)
rules.add_perm("stats.view_report_list", opens_reports)
rules.add_perm("stats.view_weekly_report", reads_full_report | reads_federation_report)
rules.add_perm("stats.view_full_weekly_report", reads_full_report)
rules.add_perm("stats.build_weekly_report", is_system_actor)
