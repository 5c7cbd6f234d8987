"""Reads of the referral piece: the items referred to an actor's offices (one SQL filter,
the same reach as `rules.handles_referral`), the people to tell, and the one to-do
provider each app registers for the items waiting for its offices' reply.

    refer ──► referred_q(model, actor) ──► the office's inbox, the item's gate, the to-do list
"""

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db.models import F, Q, QuerySet
from django.urls import reverse

from tongxin.accounts.models import Membership, Position, Role, User
from tongxin.accounts.roles import node_ids_where
from tongxin.core.registration import Label, TodoBatch, TodoItem
from tongxin.core.todo import batch_of

from .models import Referable

R = TypeVar("R", bound=Referable)


def referred_q(model: type[Referable], actor: Any) -> Q | None:
    """The items of `model` referred to an office the actor handles, as a filter (lead or
    co-office; the co-offices as a subquery, no round trip); None for someone who handles
    no office, so a caller adds nothing to its own scope."""
    offices = node_ids_where(actor, Role.OFFICE_HANDLER)
    if not offices:
        return None
    field = model._meta.get_field("co_offices")
    item, office = field.m2m_field_name(), field.m2m_reverse_field_name()
    through = model.co_offices.through
    co = through._default_manager.filter(**{f"{office}_id__in": offices}).values(f"{item}_id")
    return Q(lead_office_id__in=offices) | Q(pk__in=co)


def referred_to(model: type[R], actor: Any) -> QuerySet[R]:
    """Every item of `model` referred to the actor's offices, whatever its state."""
    scope = referred_q(model, actor)
    rows = model._default_manager.all()
    return rows.none() if scope is None else rows.filter(scope)


def awaiting_reply(
    model: type[R], actor: Any, *, states: Iterable[str], deadline: str = "due_at"
) -> QuerySet[R]:
    """The actor's offices' items in `states` (those waiting for a reply), the nearest
    `deadline` first and those without one last."""
    return (
        referred_to(model, actor)
        .filter(status__in=list(states))
        .order_by(F(deadline).asc(nulls_last=True), "id")
    )


def todo_provider(
    model: type[R],
    *,
    states: Iterable[str],
    label: Label,
    url_name: str,
    deadline: str = "due_at",
    since: str = "referred_at",
) -> Callable[[Any, int], TodoBatch]:
    """The to-do provider (core/todo.py) of the items waiting for the actor's offices:
    `TODO = [..., todo_provider(Issue, states=[REFERRED], label=…, url_name=…)]`."""
    states = list(states)

    def item(obj: R) -> TodoItem:
        return TodoItem(
            title=str(obj),
            url=reverse(url_name, args=[obj.pk]),
            kind=label,
            since=getattr(obj, since),
            deadline=getattr(obj, deadline),
        )

    def provide(user: Any, limit: int) -> TodoBatch:
        items = awaiting_reply(model, user, states=states, deadline=deadline)
        return batch_of(items, limit, item)

    return provide


def handlers_of(office_ids: Iterable[int | None]) -> list[User]:
    """The handlers (the heads among them) serving today in the offices `office_ids`."""
    members = Membership.objects.active().filter(
        node_id__in=[pk for pk in office_ids if pk], role=Role.OFFICE_HANDLER
    )
    return [m.user for m in members.select_related("user")]


def heads_of(office_id: int | None) -> list[User]:
    """The heads (负责人) serving today in the office `office_id`."""
    if office_id is None:
        return []
    members = Membership.objects.active().filter(
        node_id=office_id, role=Role.OFFICE_HANDLER, position=Position.OFFICE_HEAD
    )
    return [m.user for m in members.select_related("user")]
