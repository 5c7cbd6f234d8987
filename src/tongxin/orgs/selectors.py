"""Read queries on the organisation tree. Subtrees are prefix queries on `path`."""

from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.lookups import StartsWith

from tongxin.core.memo import forget, keep, recall, remember

from .models import Node, NodeKind


def node_subtree(node: Node, *, include_self: bool = True) -> QuerySet[Node]:
    qs = Node.objects.filter(path__startswith=node.path)
    return qs if include_self else qs.exclude(pk=node.pk)


def node_ancestors(node: Node) -> QuerySet[Node]:
    return Node.objects.filter(pk__in=node.ancestor_ids()).order_by("depth")


def city_of(node: Node) -> Node | None:
    """The city a node lies in, whether its school hangs under the city or under a county."""
    pk = node.city_pk
    return Node.objects.filter(pk=pk).first() if pk is not None else None


def schools_below(node: Node) -> QuerySet[Node]:
    """The schools in a federation's subtree (a city's, a county's, the province's)."""
    return Node.objects.filter(kind=NodeKind.SCHOOL, path__startswith=node.path)


def with_city_name(nodes: QuerySet[Node]) -> QuerySet[Node]:
    """Each node annotated with `city_name`, the name of the city whose path prefixes its
    own (one subquery over the few cities, not a query per row)."""
    city = Node.objects.filter(StartsWith(OuterRef("path"), F("path")), kind=NodeKind.CITY)
    return nodes.annotate(city_name=Subquery(city.values("name")[:1]))


def node_children(node: Node) -> QuerySet[Node]:
    return node.children.order_by("kind", "name").annotate(child_count=Count("children"))


def node_list_for(*, actor: object) -> QuerySet[Node]:
    """Nodes whose structure the actor sees (same rule as orgs.view_node, in SQL)."""
    from tongxin.accounts.reach import structure_scope

    return Node.objects.filter(structure_scope(actor))


def node_get_for(*, actor: object, pk: int) -> Node:
    """One node, or Node.DoesNotExist when missing *or* out of sight (views answer 404)."""
    return node_list_for(actor=actor).select_related("parent").get(pk=pk)


def school_list_for(*, actor: object) -> QuerySet[Node]:
    from tongxin.accounts.reach import node_scope

    schools = Node.objects.filter(node_scope(actor), kind=NodeKind.SCHOOL)
    return with_city_name(schools).select_related("parent").order_by("code")


DEMO_FLAG_MEMO_SECONDS = 60
NODE_MEMO_SECONDS = 60


def nodes_by_id(ids: Iterable[int | None]) -> dict[int, Node]:
    """The nodes of `ids`, remembered a minute in the process (core/memo.py): names and
    places in the tree change by an administrator's hand, rarely, and a page that names
    an issue's union, school and office then joins three tables fewer — a seven-table
    join cost PostgreSQL 2.3 ms of planning on every issue page (docs/performance.md)."""
    wanted = {i for i in ids if i}
    found: dict[int, Node] = {}
    for pk in wanted:
        node = recall(("node", pk))
        if node is not None:
            found[pk] = node
    missing = wanted - found.keys()
    if missing:
        for node in Node.objects.filter(pk__in=missing):
            keep(("node", node.pk), NODE_MEMO_SECONDS, node)
            found[node.pk] = node
    return found


def attach_nodes(obj: Any, *fields: str) -> None:
    """Set `obj`'s node foreign keys `fields` from nodes_by_id (no join, no query when
    remembered)."""
    nodes = nodes_by_id(getattr(obj, f"{f}_id") for f in fields)
    for f in fields:
        pk = getattr(obj, f"{f}_id")
        if pk:
            setattr(obj, f, nodes[pk])


def _demo_flag_shared() -> bool:
    flag = cache.get("tongxin:is-demo")
    if flag is None:
        flag = Node.objects.filter(kind=NodeKind.PROVINCE, is_demo=True).exists()
        cache.set("tongxin:is-demo", flag, 300)
    return bool(flag)


def is_demo() -> bool:
    """Whether this database holds the demo province (the banner on every page). Kept in
    the shared cache (dropped by the demo build through forget_demo_flag) and for a
    minute in the process (core/memo.py), so that an everyday page asks no cache for it."""
    return remember(("demo-flag",), DEMO_FLAG_MEMO_SECONDS, _demo_flag_shared)


def forget_demo_flag() -> None:
    """Drop the process's copy and the cache's (the demo build; a test that turns the
    province into the demo)."""
    forget("demo-flag")
    cache.delete("tongxin:is-demo")
