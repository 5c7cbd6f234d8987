"""Who holds which role where: the shared vocabulary of the apps' rules and selectors.

- named role groups (`FEDERATION_ROLES`, `STUDENT_ROLES`), defined here once;
- predicate builders for `rules`: `holds_role` (anywhere), `holds_role_over` (at a node
  that reaches the object's node) and `holds_role_at` (at exactly the object's node),
  plus the predicates several apps share (`is_advisor`, `advises_person`, …);
- plain functions for the same questions outside a predicate (`node_ids_where`,
  `school_ids_where`, `is_office_head`, the grant a person acted under, …).

Everything reads the grants cached on the user object (`reach.grants_of`), so a question
costs no query beyond the one that loads them; `advised_school` alone loads a node. Which
nodes a role reaches (the subtree, and the 校-院 linkage) stays reach.py's business.
"""

from collections.abc import Collection
from typing import Any

from rules.predicates import Predicate

from tongxin.orgs.models import Node

from .models import PRESIDIUM_POSITIONS, Position, Role
from .reach import Grant, grants_of, has_role, reaches_node, reaching_grant

# One member a line: a role added to the federation (a county level) is a one-line change.
# A county League committee's student-union specialist (学生会组织工作专员) works as
# federation staff over the county's schools.
FEDERATION_ROLES: tuple[str, ...] = (
    Role.FEDERATION_STAFF,
    Role.FEDERATION_ADMIN,
    Role.COUNTY_SPECIALIST,
)
# The roles held by a school's students: an officer is a student of the school too.
STUDENT_ROLES: tuple[str, ...] = (Role.STUDENT, Role.OFFICER)


# ---------------------------------------------------------------- plain questions


def grants_where(
    user: Any,
    *roles: str,
    school_id: int | None = None,
    node_kinds: Collection[str] | None = None,
) -> list[Grant]:
    """The user's grants of `roles` (any role when none is named), optionally only those
    in the school `school_id` or at nodes of `node_kinds`, oldest first."""
    return [
        g
        for g in grants_of(user)
        if (not roles or g.role in roles)
        and (school_id is None or g.school_id == school_id)
        and (node_kinds is None or g.node_kind in node_kinds)
    ]


def node_ids_where(
    user: Any, *roles: str, school_id: int | None = None, node_kinds: Collection[str] | None = None
) -> list[int]:
    """Ids of the nodes where the user holds one of `roles` (see `grants_where`)."""
    grants = grants_where(user, *roles, school_id=school_id, node_kinds=node_kinds)
    return list(dict.fromkeys(g.node_id for g in grants))


def school_ids_where(
    user: Any, *roles: str, node_kinds: Collection[str] | None = None
) -> list[int]:
    """Ids of the schools where the user holds one of `roles` (any role when none is
    named); federation grants, which lie above every school, add none."""
    grants = grants_where(user, *roles, node_kinds=node_kinds)
    return list(dict.fromkeys(g.school_id for g in grants if g.school_id))


def first_grant(user: Any, *roles: str) -> Grant | None:
    """The user's oldest grant of one of `roles`."""
    return next(iter(grants_where(user, *roles)), None)


def grant_at(user: Any, *roles: str, node_ids: Collection[int | None]) -> Grant | None:
    """The user's oldest grant of one of `roles` held exactly at one of `node_ids`."""
    return next((g for g in grants_where(user, *roles) if g.node_id in node_ids), None)


def grant_over(user: Any, *roles: str, node: Node) -> Grant | None:
    """The user's oldest grant of one of `roles` whose reach includes `node`."""
    return reaching_grant(user, node, roles=roles)


def has_role_at(user: Any, *roles: str, node_id: int | None) -> bool:
    return node_id is not None and grant_at(user, *roles, node_ids={node_id}) is not None


def likeliest_grant(user: Any, school_id: int | None) -> Grant | None:
    """The membership someone most likely acted under when nothing names it: one in the
    school `school_id` (None: a federation one) before others, a position before their
    own student membership, then the oldest."""
    ranked = sorted(
        grants_of(user), key=lambda g: (g.school_id != school_id, g.role == Role.STUDENT)
    )
    return ranked[0] if ranked else None


def is_office_head(user: Any, office_id: int | None) -> bool:
    """The head of the office `office_id` (the handler who approves its answers)."""
    return any(
        g.node_id == office_id and g.position == Position.OFFICE_HEAD
        for g in grants_where(user, Role.OFFICE_HANDLER)
    )


def advised_school(user: Any) -> Node | None:
    """The school the user advises as league advisor (the first one; one query), or None."""
    school_ids = school_ids_where(user, Role.ADVISOR)
    return Node.objects.filter(pk=school_ids[0]).first() if school_ids else None


# ---------------------------------------------------------------- predicate builders


def _follow(obj: Any, attr: str | None) -> Any:
    """`obj` itself when `attr` is None, else the value at the dotted `attr` — None as
    soon as a step is None (a missing object, an empty foreign key)."""
    for name in attr.split(".") if attr else []:
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def _roles_label(roles: tuple[str, ...]) -> str:
    return ", ".join(str(r) for r in roles)


def holds_role(*roles: str) -> Predicate:
    """A predicate on the user alone: they hold one of `roles` somewhere (pages that a
    role may open at all)."""
    if not roles:
        raise ValueError("holds_role needs at least one role")

    def check(user: Any) -> bool:
        return has_role(user, *roles)

    return Predicate(check, name=f"holds_role({_roles_label(roles)})")


def holds_role_over(*roles: str, node_attr: str | None = None) -> Predicate:
    """A predicate on (user, object): the user holds one of `roles` at a node that reaches
    the object's node (that node or an ancestor; never a sibling). The object's node is
    the object itself, or the Node at the dotted `node_attr` ("school", "union.school")."""
    if not roles:
        raise ValueError("holds_role_over needs at least one role")

    def check(user: Any, obj: Any) -> bool:
        node = _follow(obj, node_attr)
        return node is not None and reaches_node(user, node, roles=roles)

    return Predicate(check, name=f"holds_role_over({_roles_label(roles)}; {node_attr})")


def holds_role_at(*roles: str, node_id_attr: str = "pk") -> Predicate:
    """A predicate on (user, object): the user holds one of `roles` at exactly the node
    whose id is at the dotted `node_id_attr` of the object ("pk" when the object is the
    node, "union_id", "lead_office_id"). An id, not a node: the check needs no query."""
    if not roles:
        raise ValueError("holds_role_at needs at least one role")

    def check(user: Any, obj: Any) -> bool:
        return has_role_at(user, *roles, node_id=_follow(obj, node_id_attr))

    return Predicate(check, name=f"holds_role_at({_roles_label(roles)}; {node_id_attr})")


# ---------------------------------------------------------------- shared predicates

is_student = holds_role(Role.STUDENT)
is_officer = holds_role(Role.OFFICER)
is_college_secretary = holds_role(Role.COLLEGE_SECRETARY)
is_office_handler = holds_role(Role.OFFICE_HANDLER)
is_advisor = holds_role(Role.ADVISOR)
is_federation_admin = holds_role(Role.FEDERATION_ADMIN)
is_federation_member = holds_role(*FEDERATION_ROLES)

# On a school (or any node of it): its league advisor.
advises_school = holds_role_over(Role.ADVISOR)
# On a person: the advisor of their school, the league secretary of their college.
advises_person = holds_role_over(Role.ADVISOR, node_attr="school")
secretary_of_person = holds_role_over(Role.COLLEGE_SECRETARY, node_attr="college")


def _is_self(user: Any, person: Any) -> bool:
    return person is not None and user.pk == person.pk


def _belongs_to_a_school(user: Any) -> bool:
    return bool(school_ids_where(user))


def _in_presidium_of(user: Any, union: Node | None) -> bool:
    """A president, vice president or executive president of exactly this union."""
    return union is not None and any(
        g.node_id == union.pk and g.position in PRESIDIUM_POSITIONS
        for g in grants_where(user, Role.OFFICER)
    )


is_self = Predicate(_is_self, name="is_self")
belongs_to_a_school = Predicate(_belongs_to_a_school, name="belongs_to_a_school")
in_presidium_of = Predicate(_in_presidium_of, name="in_presidium_of")
