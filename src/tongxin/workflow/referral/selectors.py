"""Reads of the referral piece: the items referred to an actor's offices (one SQL filter,
the same reach as `rules.handles_referral`), the people to tell, and the one to-do
provider each app registers for the items waiting for its offices' reply.

    refer ──► referred_q(model, actor) ──► the office's inbox, the item's gate, the to-do list
"""

import itertools
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.urls import reverse

from tongxin.accounts.models import Membership, Position, Role, User
from tongxin.accounts.roles import node_ids_where
from tongxin.core import walks
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


def referred_walks(
    model: type[Referable], offices: Iterable[int], states: Iterable[str]
) -> list[walks.Walk]:
    """One walk per (office, state) through the lead office's index (lead_office, status,
    deadline, id), and one per (office, state) through the co-office table joined to the
    items (a co-office's items are few: the join reads them all, not the lead's backlog)."""
    field = model._meta.get_field("co_offices")
    item, office = field.m2m_field_name(), field.m2m_reverse_field_name()
    q = connection.ops.quote_name
    through = q(model.co_offices.through._meta.db_table)
    joined = f"{through} c JOIN {walks.table(model)} ON {walks.column('id')} = c.{q(item + '_id')}"
    status = walks.column("status")
    found = []
    for pk, state in itertools.product(offices, states):
        found.append(
            walks.Walk(
                walks.table(model),
                f"{walks.column('lead_office_id')} = %s AND {status} = %s",
                (pk, state),
            )
        )
        found.append(
            walks.Walk(joined, f"c.{q(office + '_id')} = %s AND {status} = %s", (pk, state))
        )
    return found


def first_referred(
    model: type[R],
    actor: Any,
    *,
    states: Iterable[str],
    limit: int,
    deadline: str = "due_at",
    newest_tie: bool = False,
) -> QuerySet[R]:
    """The items referred to the actor's offices in `states`, restricted to the first
    `limit` of each (office, state) by `deadline` (see tongxin.core.walks): the caller's
    ORDER BY and LIMIT (at most `limit`) then give the rows the whole filter would.
    Too many (office, state) walks for one query (walks.MAX_PARTS): the whole filter."""
    states = list(states)
    offices = node_ids_where(actor, Role.OFFICE_HANDLER)
    found = referred_walks(model, offices, states)
    if not walks.fits(len(found) * walks.PARTS_PER_WALK):
        return referred_to(model, actor).filter(status__in=states)
    ids = walks.first_of(found, deadline=deadline, newest_tie=newest_tie, limit=limit)
    rows = model._default_manager.all()
    return rows.none() if ids is None else rows.filter(pk__in=ids)


def awaiting_reply(
    model: type[R],
    actor: Any,
    *,
    states: Iterable[str],
    deadline: str = "due_at",
    first: int | None = None,
) -> QuerySet[R]:
    """The actor's offices' items in `states` (those waiting for a reply), the nearest
    `deadline` first and those without one last. With `first`, only the first `first`
    rows are read, through the walks of `first_referred` (for a page, not a count)."""
    states = list(states)
    if first is None:
        rows = referred_to(model, actor).filter(status__in=states)
    else:
        rows = first_referred(model, actor, states=states, limit=first, deadline=deadline)
    return rows.order_by(F(deadline).asc(nulls_last=True), "id")


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
        first = awaiting_reply(model, user, states=states, deadline=deadline, first=limit)
        every = awaiting_reply(model, user, states=states, deadline=deadline)
        return batch_of(first, limit, item, every=every)

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
