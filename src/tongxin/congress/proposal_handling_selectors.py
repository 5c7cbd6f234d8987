"""The offices' proposals: those referred to the actor's offices (lead or co-office), as one
SQL filter (workflow.referral.selectors.referred_q, the same reach as handles_referral),
the soonest reply deadline first; and the to-do items waiting for their reply."""

from typing import Any

from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tongxin.accounts.models import Role
from tongxin.accounts.roles import node_ids_where
from tongxin.core.registration import TodoBatch, TodoItem
from tongxin.core.todo import batch_of
from tongxin.workflow.referral.selectors import referred_q

from .proposal_models import Proposal, ProposalState

P = ProposalState
# What the offices work on (the reply owed, a B item's progress), and what waits for the
# proposers' rating; done ones on request.
OWED_STATES = [P.REFERRED, P.FURTHER, P.PROGRESSING]
OPEN_STATES = [*OWED_STATES, P.REPLIED]
DONE_STATES = [P.DONE]


def office_proposals_for(*, actor: Any, done: bool = False) -> QuerySet[Proposal]:
    """The proposals referred to the actor's offices in the open (or done) states, the
    soonest reply deadline first, those without one after (by id); none for someone who
    handles no office."""
    scope = referred_q(Proposal, actor)
    rows = Proposal.objects.all()
    if scope is None:
        return rows.none()
    rows = rows.filter(scope, state__in=DONE_STATES if done else OPEN_STATES)
    rows = rows.select_related("session", "union", "lead_office")
    return rows.order_by(F("reply_due_at").asc(nulls_last=True), "id")


def awaiting_reply_for(*, actor: Any) -> QuerySet[Proposal]:
    """The proposals whose lead office is one of the actor's and that owe a reply now
    (through the lead office's index)."""
    offices = node_ids_where(actor, Role.OFFICE_HANDLER)
    if not offices:
        return Proposal.objects.none()
    rows = Proposal.objects.filter(lead_office_id__in=offices, state__in=[P.REFERRED, P.FURTHER])
    return rows.order_by(F("reply_due_at").asc(nulls_last=True), "id")


TODO_LABEL = _("提案答复")


def todo_replies(user: Any, limit: int) -> TodoBatch:
    """The to-do provider: proposals waiting for the user's offices' reply."""

    def item(p: Proposal) -> TodoItem:
        return TodoItem(
            title=f"提案《{p.title}》",
            url=reverse("congress:proposal-detail", args=[p.pk]),
            kind=TODO_LABEL,
            since=p.referred_at,
            deadline=p.reply_due_at,
        )

    return batch_of(awaiting_reply_for(actor=user), limit, item)
