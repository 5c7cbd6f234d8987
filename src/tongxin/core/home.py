"""The home page's sections: one card per active role, each showing that role's own work."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from tongxin.accounts.models import Position, Role, User
from tongxin.accounts.reach import Grant, grants_of
from tongxin.accounts.selectors import active_members_of
from tongxin.orgs.models import Node, NodeKind

SCHOOLS_ON_HOME = 10


@dataclass
class Section:
    role: str
    title: str
    node: Node
    grant: Grant
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def position_label(self) -> str:
        return str(Position(self.grant.position).label) if self.grant.position else ""

    @property
    def template(self) -> str:
        return f"core/home/_{self.role}.html"


def _student_section(grant: Grant, node: Node, user: Any) -> dict[str, Any]:
    from tongxin.rights.selectors import home_for_student

    return {"issues": home_for_student(user)}


def _union_section(grant: Grant, node: Node, user: Any) -> dict[str, Any]:
    from tongxin.rights.selectors import home_for_union

    return {"officers": list(active_members_of([node.pk])[:60]), "queue": home_for_union(node.pk)}


def _office_section(grant: Grant, node: Node, user: Any) -> dict[str, Any]:
    from tongxin.rights.selectors import home_for_office

    return {"inbox": home_for_office(user)}


def _college_section(grant: Grant, node: Node, user: Any) -> dict[str, Any]:
    unions = Node.objects.filter(parent=node, kind=NodeKind.COLLEGE_UNION)
    return {
        "class_count": Node.objects.filter(parent=node, kind=NodeKind.CLASS).count(),
        "student_count": User.objects.filter(college=node, memberships__role=Role.STUDENT).count(),
        "officers": list(active_members_of([u.pk for u in unions])[:60]),
    }


def _school_section(grant: Grant, node: Node, user: Any) -> dict[str, Any]:
    unions = (
        Node.objects.filter(
            school=node,
            kind__in=[NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION, NodeKind.COLLEGE_UNION],
        )
        .annotate(
            staff=Count(
                "memberships",
                filter=Q(memberships__role=Role.OFFICER, memberships__end__isnull=True),
            )
        )
        .order_by("path")
    )
    from tongxin.rights.selectors import home_for_advisor

    return {
        "attention": home_for_advisor(node.pk),
        "college_count": Node.objects.filter(school=node, kind=NodeKind.COLLEGE).count(),
        "people_count": User.objects.filter(school=node).count(),
        "unions": list(unions[:40]),
    }


def _federation_section(grant: Grant, node: Node, user: Any) -> dict[str, Any]:
    schools = Node.objects.filter(kind=NodeKind.SCHOOL, path__startswith=node.path)
    return {
        "school_count": schools.count(),
        "schools": list(schools.select_related("parent").order_by("code")[:SCHOOLS_ON_HOME]),
    }


def _federation_admin_section(grant: Grant, node: Node, user: Any) -> dict[str, Any]:
    from tongxin.workdays.selectors import years_needing_entry

    return {**_federation_section(grant, node, user), "calendar_missing": years_needing_entry()}


BUILDERS: dict[str, Callable[[Grant, Node, Any], dict[str, Any]]] = {
    Role.STUDENT: _student_section,
    Role.OFFICER: _union_section,
    Role.COLLEGE_SECRETARY: _college_section,
    Role.OFFICE_HANDLER: _office_section,
    Role.ADVISOR: _school_section,
    Role.FEDERATION_STAFF: _federation_section,
    Role.FEDERATION_ADMIN: _federation_admin_section,
    Role.COUNTY_SPECIALIST: _federation_section,
}


def home_sections_for(user: Any) -> list[Section]:
    grants = grants_of(user)
    nodes = Node.objects.in_bulk([g.node_id for g in grants])
    sections = []
    for grant in grants:
        node = nodes[grant.node_id]
        sections.append(
            Section(
                role=grant.role,
                title=str(Role(grant.role).label),
                node=node,
                grant=grant,
                data=BUILDERS[grant.role](grant, node, user),
            )
        )
    return sections
