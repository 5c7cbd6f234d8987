"""The JSON API under /api/v1/ (django-ninja). Thin: selectors read, services write."""

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError

from tongxin.accounts.models import Role
from tongxin.accounts.reach import grants_of
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.core.http import Id, PageNumber
from tongxin.core.pagination import paginate
from tongxin.notifications import selectors as notification_selectors
from tongxin.notifications import services as notification_services
from tongxin.notifications.models import Notification
from tongxin.orgs import selectors as org_selectors
from tongxin.orgs.models import Node

from .auth import API_AUTH
from .schemas import ErrorOut, GrantOut, MeOut, NodeOut, NodePage, NotificationOut, NotificationPage

NOT_FOUND = "不存在或不在您的查看范围内。"

api = NinjaAPI(title="同心 Tongxin API", version="1", urls_namespace="api", auth=API_AUTH)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> Any:
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


@api.exception_handler(NotAllowed)
def not_allowed(request: HttpRequest, exc: NotAllowed) -> Any:
    return api.create_response(request, {"detail": "无权执行该操作。"}, status=403)


api.add_router("/rights", "tongxin.rights.api.router")
api.add_router("/selection", "tongxin.selection.api.router")
api.add_router("/stats", "tongxin.stats.api.router")
api.add_router("/assessment", "tongxin.assessment.api.router")


class PageQuery(Schema):
    page: PageNumber = 1


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


@api.get("/me", response=MeOut, tags=["accounts"])
def me(request: HttpRequest) -> Any:
    user: Any = request.user
    return MeOut(
        id=user.pk,
        username=user.username,
        real_name=user.real_name,
        school_id=user.school_id,
        school_name=user.school.name if user.school else None,
        number=user.number,
        grants=[
            GrantOut(
                role=g.role,
                role_label=str(Role(g.role).label),
                position=g.position,
                node_id=g.node_id,
                node_kind=g.node_kind,
            )
            for g in grants_of(user)
        ],
    )


@api.get("/orgs/nodes", response=NodePage, tags=["orgs"])
def node_list(request: HttpRequest, q: Query[PageQuery], parent: Id | None = None) -> Any:
    """The organisation tree within the caller's sight, in tree order, paginated."""
    nodes = org_selectors.node_list_for(actor=request.user).order_by("path")
    if parent is not None:
        nodes = nodes.filter(parent_id=parent)
    page = paginate(nodes, max(q.page, 1), size=100)
    return NodePage(
        items=[_node_out(n) for n in page.items], page=page.number, has_next=page.has_next
    )


@api.get("/orgs/nodes/{node_id}", response={200: NodeOut, 404: ErrorOut}, tags=["orgs"])
def node_detail(request: HttpRequest, node_id: int) -> Any:
    try:
        return _node_out(org_selectors.node_get_for(actor=request.user, pk=node_id))
    except Node.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


def _notification_out(n: Notification) -> NotificationOut:
    return NotificationOut(
        id=n.pk,
        title=n.title,
        body=n.body,
        url=n.url,
        created_at=n.created_at.isoformat(),
        read=n.read_at is not None,
    )


@api.get("/notifications", response=NotificationPage, tags=["notifications"])
def notification_list(request: HttpRequest, q: Query[PageQuery]) -> Any:
    page = paginate(
        notification_selectors.notification_list_for(actor=request.user), max(q.page, 1)
    )
    return NotificationPage(
        items=[_notification_out(n) for n in page.items],
        page=page.number,
        has_next=page.has_next,
        unread=notification_selectors.unread_count(request.user),
    )


@api.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, 404: ErrorOut},
    tags=["notifications"],
)
def notification_read(request: HttpRequest, notification_id: int) -> Any:
    try:
        notification = notification_selectors.notification_get_for(
            actor=request.user, pk=notification_id
        )
    except Notification.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc
    notification = notification_services.notification_mark_read(
        actor=request.user, notification=notification
    )
    return _notification_out(notification)
