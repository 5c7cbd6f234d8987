"""The committee chair's to-do item (core/todo.py): per session chaired, the proposals
waiting for a decision (待审查提案 N 件)."""

from typing import Any

from django.db.models import Count, Min, Q
from django.urls import reverse

from tongxin.accounts.models import Role
from tongxin.accounts.reach import has_role
from tongxin.core.registration import TodoBatch, TodoItem
from tongxin.core.todo import batch_of

from .proposal_models import Committee, ProposalState


def proposals_to_decide(user: Any, limit: int) -> TodoBatch:
    # Chairs are advisors (committee_name): nobody else pays for the question.
    if not getattr(user, "is_authenticated", False) or not has_role(user, Role.ADVISOR):
        return TodoBatch()
    waiting = Q(session__proposals__state=ProposalState.SUBMITTED)
    rows = (
        Committee.objects.filter(chair_id=user.pk)
        .annotate(
            waiting=Count("session__proposals", filter=waiting),
            since=Min("session__proposals__submitted_at", filter=waiting),
        )
        .filter(waiting__gt=0)
        .select_related("session", "session__union")
        .order_by("session_id")
    )
    return batch_of(
        rows,
        limit,
        lambda c: TodoItem(
            title=f"{c.session.union.name}第{c.session.number}次代表大会："
            f"待审查提案 {c.waiting} 件",
            url=reverse("congress:committee-session", args=[c.session_id]),
            kind="待审查提案",
            since=c.since,
        ),
    )
