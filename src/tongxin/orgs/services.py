"""Writes to the organisation tree.

create ──► node (path = parent.path + id + "/")
move   ──► same school only: a college never leaves its school
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError

from .models import ALLOWED_CHILDREN, Node, NodeKind


def _check_child_kind(parent: Node | None, kind: str) -> None:
    if parent is None:
        if kind != NodeKind.PROVINCE:
            raise DomainError(_("只有省学联可以作为根节点。"), field="parent")
        return
    if kind not in ALLOWED_CHILDREN.get(parent.kind, set()):
        raise DomainError(
            _("“%(parent)s”（%(pkind)s）下不能建立%(kind)s。")
            % {
                "parent": parent.name,
                "pkind": parent.get_kind_display(),
                "kind": NodeKind(kind).label,
            },
            field="kind",
        )


def place_node(node: Node) -> None:
    """Fill path, depth and school from the (saved) parent; the node must have a pk."""
    parent = node.parent
    node.path = f"{parent.path if parent else ''}{node.pk}/"
    node.depth = parent.depth + 1 if parent else 0
    if node.kind == NodeKind.SCHOOL:
        node.school_id = node.pk
    elif parent is not None:
        node.school_id = parent.school_id


@transaction.atomic
def node_create(*, actor: Any, parent: Node | None, kind: str, name: str, **attrs: Any) -> Node:
    """Create a node under `parent`. School codes are unique; the shape follows ALLOWED_CHILDREN."""
    authorize(actor, "orgs.create_node", parent)
    name = name.strip()
    if not name:
        raise DomainError(_("名称不能为空。"), field="name")
    _check_child_kind(parent, kind)
    if kind == NodeKind.SCHOOL:
        code = str(attrs.get("code", "")).strip()
        if not code:
            raise DomainError(_("学校代码不能为空。"), field="code")
        if Node.objects.filter(kind=NodeKind.SCHOOL, code=code).exists():
            raise DomainError(_("学校代码 %(code)s 已被使用。") % {"code": code}, field="code")
    node = Node.objects.create(kind=kind, name=name, parent=parent, path="", **attrs)
    place_node(node)
    node.save(update_fields=["path", "depth", "school"])
    audit.record(
        actor=actor,
        action="orgs.node.created",
        target=node,
        data={"kind": kind, "name": name, "parent": parent.pk if parent else None},
    )
    return node


@transaction.atomic
def node_move(*, actor: Any, node: Node, new_parent: Node) -> Node:
    """Move a node within its school (e.g. a class to another college). Never across schools."""
    authorize(actor, "orgs.move_node", node)
    authorize(actor, "orgs.move_node", new_parent)
    if node.kind in {NodeKind.PROVINCE, NodeKind.CITY, NodeKind.SCHOOL}:
        raise DomainError(_("省、市学联和学校不能移动。"), field="parent")
    if new_parent.school_id != node.school_id:
        raise DomainError(
            _("不能把%(kind)s移到其他学校。") % {"kind": node.get_kind_display()}, field="parent"
        )
    _check_child_kind(new_parent, node.kind)
    if new_parent.path.startswith(node.path):
        raise DomainError(_("不能移到自己的下级节点。"), field="parent")
    old_path, old_parent_id = node.path, node.parent_id
    node.parent = new_parent
    place_node(node)
    node.save(update_fields=["parent", "path", "depth", "school"])
    _repath_descendants(old_path, node.path, node.depth - (old_path.count("/") - 1))
    audit.record(
        actor=actor,
        action="orgs.node.moved",
        target=node,
        data={"from": old_parent_id, "to": new_parent.pk},
    )
    return node


def _repath_descendants(old_prefix: str, new_prefix: str, depth_shift: int) -> None:
    descendants = Node.objects.filter(path__startswith=old_prefix).exclude(path=new_prefix)
    changed = []
    for child in descendants.only("id", "path", "depth"):
        child.path = new_prefix + child.path[len(old_prefix) :]
        child.depth += depth_shift
        changed.append(child)
    Node.objects.bulk_update(changed, ["path", "depth"], batch_size=500)


@transaction.atomic
def node_rename(*, actor: Any, node: Node, name: str) -> Node:
    authorize(actor, "orgs.change_node", node)
    name = name.strip()
    if not name:
        raise DomainError(_("名称不能为空。"), field="name")
    old = node.name
    node.name = name
    node.save(update_fields=["name"])
    audit.record(
        actor=actor, action="orgs.node.renamed", target=node, data={"from": old, "to": name}
    )
    return node
