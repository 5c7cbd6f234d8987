"""Check-in's item of the to-do list (待办): a delegate whose round is in check-in and who
has not checked in, or whose round is voting and who checked in and has not voted."""

from typing import Any

from django.urls import reverse

from tongxin.core.authz import can
from tongxin.core.registration import TodoBatch, TodoItem
from tongxin.core.todo import batch_of

from . import election_checkin_selectors as selectors
from .election_models import Round, RoundState


def _url(round_: Round) -> str:
    name = (
        "congress:round-ballot" if round_.state == RoundState.VOTING else "congress:round-checkin"
    )
    return reverse(name, args=[round_.pk])


def rounds_waiting(user: Any, limit: int) -> TodoBatch:
    # Delegates now only (the menu's memoized fact): nobody else pays a query for this item.
    if not can(user, "congress.open_my_elections"):
        return TodoBatch()
    return batch_of(
        selectors.my_waiting_rounds(user),
        limit,
        lambda r: TodoItem(
            title=f"{r.election.union.name}第{r.election.session.number}次代表大会·"
            f"{r.election.title}选举第 {r.number} 轮",
            url=_url(r),
            kind="选举待签到" if r.state == RoundState.CHECKIN else "选举待投票",
            since=(r.opened_at if r.state == RoundState.VOTING else r.checkin_at),
        ),
    )
