"""/api/v1/orgs/nodes: the organisation tree within the caller's sight."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from tongxin.core.http import NOT_FOUND, ErrorOut, Id, PageQuery
from tongxin.core.pagination import paginate

from . import selectors
from .models import Node
from .schemas import NodeOut, NodePage

router = Router(tags=["orgs"])


def _node_out(node: Node) -> NodeOut:
    return NodeOut(
        id=node.pk,
        kind=node.kind,
        kind_label=node.get_kind_display(),
        name=node.name,
        code=node.code,
        parent_id=node.parent_id,
        school_id=node.school_id,
        depth=node.depth,
    )


# operation ids: those the endpoints had before they moved here from api/api.py
@router.get("/orgs/nodes", response=NodePage, operation_id="tongxin_api_api_node_list")
def node_list(request: HttpRequest, q: Query[PageQuery], parent: Id | None = None) -> Any:
    """The organisation tree within the caller's sight, in tree order, paginated."""
    nodes = selectors.node_list_for(actor=request.user).order_by("path")
    if parent is not None:
        nodes = nodes.filter(parent_id=parent)
    page = paginate(nodes, max(q.page, 1), size=100)
    return NodePage(
        items=[_node_out(n) for n in page.items], page=page.number, has_next=page.has_next
    )


@router.get(
    "/orgs/nodes/{node_id}",
    response={200: NodeOut, 404: ErrorOut},
    operation_id="tongxin_api_api_node_detail",
)
def node_detail(request: HttpRequest, node_id: int) -> Any:
    try:
        return _node_out(selectors.node_get_for(actor=request.user, pk=node_id))
    except Node.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc
