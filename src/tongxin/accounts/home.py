"""The home page's per-role cards: one for each of the user's grants, titled with the role
and the node, made of the parts the apps register for that role (their HOME_PARTS)."""

from typing import Any

from tongxin.core.registration import HomeCard, HomePart, by_order
from tongxin.orgs.models import Node

from .models import Position, Role
from .reach import Grant, grants_of
from .selectors import active_members_of, college_home, nodes_by_id, school_home


def role_cards(user: Any) -> list[HomeCard]:
    grants = grants_of(user)
    nodes = nodes_by_id([g.node_id for g in grants])
    parts = by_order("HOME_PARTS")
    cards = []
    for grant in grants:
        node = nodes[grant.node_id]
        badge = node.name
        if grant.position:
            badge += f" · {Position(grant.position).label}"
        cards.append(
            HomeCard(
                key=grant.role,
                title=str(Role(grant.role).label),
                badge=badge,
                identity=True,
                order=0,
                node=node,
                parts=[
                    (part.template, part.build(grant, node, user))
                    for part in parts
                    if part.role == grant.role
                ],
            )
        )
    return cards


def _student(grant: Grant, node: Node, user: Any) -> dict[str, Any]:
    return {}  # the template reads the user's own school, college and class


def _union_roster(grant: Grant, node: Node, user: Any) -> dict[str, Any]:
    return {"officers": list(active_members_of([node.pk])[:60])}


def _college(grant: Grant, node: Node, user: Any) -> dict[str, Any]:
    return college_home(node)


def _school(grant: Grant, node: Node, user: Any) -> dict[str, Any]:
    return school_home(node)


PARTS = [
    HomePart(Role.STUDENT, "accounts/home/_student.html", _student, order=10),
    HomePart(Role.OFFICER, "accounts/home/_union_roster.html", _union_roster, order=20),
    HomePart(Role.COLLEGE_SECRETARY, "accounts/home/_college.html", _college, order=10),
    HomePart(Role.ADVISOR, "accounts/home/_school.html", _school, order=20),
]
