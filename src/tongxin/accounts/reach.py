"""Where a person's roles reach in the organisation tree (the role catalogue of DESIGN.md).

A role held at a node reaches that node and everything below it, never a sibling. The
named exceptions live here and nowhere else:
- a school-union or graduate-union officer also reaches the college unions of the school
  (校-院-班 linkage);
- a student reaches their own class. Anyone with a role in a school also *sees* that
  school's structure (`sees_structure`), which is not reach over its records.

`reaches_node` answers for one object (rules); `node_scope` builds the same answer as a
database filter (selectors), so a rule and its list cannot drift apart.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import F, Q

from tongxin.core.memo import remember
from tongxin.orgs.models import Node, NodeKind

from .models import Membership, Role, User

T = TypeVar("T")


@dataclass(frozen=True)
class Grant:
    """One active membership, flattened for permission checks."""

    role: str
    position: str
    node_id: int
    node_kind: str
    path: str
    school_id: int | None
    school_path: str | None


def _active_memberships(**filters: Any) -> list[Any]:
    """Active memberships with what a Grant needs of their nodes, oldest first.

    The nodes' kind and paths come as annotated columns rather than whole Node objects,
    and the rows are sorted here rather than by the database: Django's ORDER BY handling
    hashes every selected column, which on this join cost more than the rest of the query.
    (The first grant is the acting role of audit events, so the order matters.) The
    request's user has the same grants from request_user.py's one prepared statement.
    """
    rows = (
        Membership.objects.active()
        .filter(**filters)
        .only("id", "role", "position", "node_id", "school_id", "user_id")
        .annotate(
            node_kind=F("node__kind"), node_path=F("node__path"), school_path=F("school__path")
        )
    )
    return sorted(rows, key=lambda m: m.pk)


def _grant(m: Any) -> Grant:
    return Grant(
        role=m.role,
        position=m.position,
        node_id=m.node_id,
        node_kind=m.node_kind,
        path=m.node_path,
        school_id=m.school_id,
        school_path=m.school_path,
    )


def grants_of(user: Any) -> list[Grant]:
    """The user's active memberships, loaded once per user object (one query, or none when
    the user came from `user_with_grants`). Never cached beyond the user object, so a
    membership change shows on the next request."""
    if user is None or not user.is_authenticated:
        return []
    cached: list[Grant] | None = getattr(user, "_tongxin_grants", None)
    if cached is None:
        cached = [_grant(m) for m in _active_memberships(user=user)]
        user._tongxin_grants = cached
    return cached


def remember_per_grants(
    key: tuple[Any, ...], user: Any, seconds: float, compute: Callable[[], T]
) -> T:
    """`compute()` remembered for `seconds` in the process (core/memo.py) per `key` AND the
    user's grants: a membership that starts or ends asks afresh at once; what else the
    answer reads (the org tree, a roster) shows within `seconds`."""
    return remember((*key, tuple(grants_of(user))), seconds, compute)


def user_with_grants(user_id: Any) -> User | None:
    """The user of a request together with their grants, in one statement.

    Every page needs both (the navigation asks the rules), so the authentication backend
    loads the user and their active memberships together; the statement is prepared once
    per process (request_user.py: the ORM's building of it cost more than the query). On a
    request the session's own statement has usually brought them already (sessions.py).
    """
    from .request_user import load_user_with_grants
    from .sessions import take_preloaded

    loaded = take_preloaded(user_id) or load_user_with_grants(user_id)
    if loaded is None:
        return None
    user: Any = loaded[0]
    user._tongxin_grants = [
        Grant(
            role=role,
            position=position,
            node_id=node_id,
            node_kind=kind,
            path=path,
            school_id=school_id,
            school_path=school_path,
        )
        for _, role, position, node_id, school_id, kind, path, school_path in loaded[1]
    ]
    return user


def forget_grants(user: Any) -> None:
    """Call after changing someone's memberships in the same request."""
    if hasattr(user, "_tongxin_grants"):
        del user._tongxin_grants


def has_role(user: Any, *roles: str) -> bool:
    return any(g.role in roles for g in grants_of(user))


def _selected(user: Any, roles: Iterable[str] | None) -> list[Grant]:
    wanted = set(roles) if roles is not None else None
    return [g for g in grants_of(user) if wanted is None or g.role in wanted]


def _links_college_unions(grant: Grant) -> bool:
    return grant.role == Role.OFFICER and grant.node_kind in {
        NodeKind.SCHOOL_UNION,
        NodeKind.GRADUATE_UNION,
    }


def _grant_reaches(grant: Grant, node: Node) -> bool:
    if node.path.startswith(grant.path):
        return True
    return (
        _links_college_unions(grant)
        and node.kind == NodeKind.COLLEGE_UNION
        and node.school_id == grant.school_id
    )


def reaching_grant(user: Any, node: Node, *, roles: Iterable[str] | None = None) -> Grant | None:
    """The user's first grant (optionally only of `roles`) whose reach includes `node`."""
    return next((g for g in _selected(user, roles) if _grant_reaches(g, node)), None)


def reaches_node(user: Any, node: Node, *, roles: Iterable[str] | None = None) -> bool:
    """True when one of the user's roles (optionally only `roles`) reaches `node`."""
    return reaching_grant(user, node, roles=roles) is not None


def sees_structure(user: Any, node: Node) -> bool:
    """The org chart is wider than reach: whoever holds a role in a school also sees that
    school's structure (its colleges, classes, unions and offices), which is not reach
    over the school's records."""
    if reaches_node(user, node):
        return True
    return any(g.school_path and node.path.startswith(g.school_path) for g in grants_of(user))


def node_scope(user: Any, *, field: str = "", roles: Iterable[str] | None = None) -> Q:
    """A filter selecting the rows whose node (reached through `field`) the user reaches.

    `field` is the lookup to a Node from the filtered model ("" for Node itself,
    "node__" for a model with a `node` foreign key). No grant: a filter matching nothing.
    """
    scope = Q(pk__in=[])
    for grant in _selected(user, roles):
        scope |= Q(**{f"{field}path__startswith": grant.path})
        if _links_college_unions(grant):
            scope |= Q(
                **{f"{field}kind": NodeKind.COLLEGE_UNION, f"{field}school_id": grant.school_id}
            )
    return scope


def structure_scope(user: Any) -> Q:
    """`sees_structure` as a filter on Node."""
    scope = node_scope(user)
    for grant in grants_of(user):
        if grant.school_path:
            scope |= Q(path__startswith=grant.school_path)
    return scope
