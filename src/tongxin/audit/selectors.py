import datetime
from typing import Any

from django.db.models import Model, Q, QuerySet

from tongxin.accounts.reach import has_role, node_scope
from tongxin.accounts.roles import FEDERATION_ROLES
from tongxin.core import walks
from tongxin.orgs.models import Node, NodeKind

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


# Readers reaching more schools than this read the single filter backwards by id: their
# schools are most of the table, so the walk stops after about as many rows as it shows,
# and a walk per school would cost more to plan (about 0.1 ms a branch on PostgreSQL).
WALKED_SCHOOLS = 64


def event_page_for(*, actor: Any, first: int, **filters: Any) -> QuerySet[AuditEvent]:
    """The events of `event_list_for` (filtered by `event_filter`) of which a page shows the
    first `first` at most: one walk of the index (school, -id) per school the actor reads,
    and one of the federation-level events (no school), each stopped after `first` rows
    (tongxin.core.walks). The single filter `school.path LIKE … OR …` walked the whole event
    table backwards by id for a reader of a few schools of a province: other schools'
    events were read and thrown away."""
    every = event_filter(event_list_for(actor=actor), **filters)
    scope = node_scope(actor, roles=AUDIT_READERS)
    schools = Node.objects.filter(scope, kind=NodeKind.SCHOOL).values_list("pk", flat=True)
    reached = list(schools[: WALKED_SCHOOLS + 1])
    if len(reached) > WALKED_SCHOOLS:
        return every
    events = AuditEvent.objects.order_by("-id")
    branches = [event_filter(events.filter(school_id=pk), **filters)[:first] for pk in reached]
    if has_role(actor, *FEDERATION_ROLES):
        federation = node_scope(actor, field="acting_node__", roles=FEDERATION_ROLES)
        # ORDER BY names the school (NULL here) so the walk reads the index (school, -id).
        above = events.filter(Q(school__isnull=True) & federation).order_by("school_id", "-id")
        branches.append(event_filter(above, **filters)[:first])
    ids = walks.union_of(branches)
    if ids is None:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(pk__in=ids).select_related("school").order_by("-id")


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
