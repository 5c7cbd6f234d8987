"""The delegates on the home page and the to-do list (core/registration.py):

a delegate's badge card (学生代表, the union, the term's end, the duties' page);
待办: the presidium's approved sessions without a list; the advisor's paused lists
(an objection waits for a written answer).
"""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from tongxin.accounts.models import Role
from tongxin.accounts.roles import school_ids_where
from tongxin.core.registration import HomeCard, TodoBatch, TodoItem
from tongxin.core.todo import batch_of

from .delegate_selectors import delegacies_of, sessions_to_prepare_for
from .models import DelegateList, DelegateListState


def delegate_cards(user: Any) -> list[HomeCard]:
    """The badge of a delegate whose term covers today (one query; none for others)."""
    if not getattr(user, "is_authenticated", False) or not user.school_id:
        return []
    seats = list(delegacies_of(user, timezone.localdate())[:3])
    if not seats:
        return []
    return [
        HomeCard(
            key="delegate",
            title="学生代表",
            badge="代表",
            parts=[("congress/delegates/_home.html", {"seats": seats})],
            order=40,
        )
    ]


def to_prepare(user: Any, limit: int) -> TodoBatch:
    return batch_of(
        sessions_to_prepare_for(user),
        limit,
        lambda s: TodoItem(
            title=f"{s.union.name}第{s.number}次代表大会",
            url=reverse("congress:delegate-lists"),
            kind="会议待准备代表名单",
            since=s.decided_at,
        ),
    )


def objections_waiting(user: Any, limit: int) -> TodoBatch:
    schools = school_ids_where(user, Role.ADVISOR)
    if not schools:
        return TodoBatch()
    rows = (
        DelegateList.objects.filter(school_id__in=schools, state=DelegateListState.PAUSED)
        .select_related("union", "session")
        .order_by("notice_paused_at", "pk")
    )
    return batch_of(
        rows,
        limit,
        lambda d: TodoItem(
            title=f"{d.union.name}第{d.session.number}次代表大会代表名单",
            url=reverse("congress:delegate-list", args=[d.pk]),
            kind="代表名单异议待答复",
            since=d.notice_paused_at,
        ),
    )
