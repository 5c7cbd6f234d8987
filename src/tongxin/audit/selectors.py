import datetime
from typing import Any

from django.db.models import Model, Q, QuerySet

from tongxin.accounts.reach import node_scope
from tongxin.accounts.roles import FEDERATION_ROLES

from .models import AuditEvent
from .rules import AUDIT_READERS


def event_list_for(*, actor: Any) -> QuerySet[AuditEvent]:
    """Events in the actor's scope: schools reached, plus federation-level events acted
    at a node the actor reaches."""
    schools = node_scope(actor, field="school__", roles=AUDIT_READERS)
    federation = Q(school__isnull=True) & node_scope(
        actor, field="acting_node__", roles=FEDERATION_ROLES
    )
    return AuditEvent.objects.filter(schools | federation).select_related("school").order_by("-id")


def event_filter(
    qs: QuerySet[AuditEvent],
    *,
    action: str = "",
    target_type: str = "",
    target_id: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    if action:
        qs = qs.filter(action=action)
    if target_type:
        qs = qs.filter(target_type=target_type)
    if target_id:
        qs = qs.filter(target_id=target_id)
    if since:
        qs = qs.filter(created_at__date__gte=since)
    if until:
        qs = qs.filter(created_at__date__lte=until)
    return qs


def objects_by_id(model: type[Model], ids: set[int]) -> QuerySet[Any]:
    """The rows an event page names, one query per model for the whole page (labels only:
    the events themselves were scoped by event_list_for)."""
    return model._default_manager.filter(pk__in=ids)
