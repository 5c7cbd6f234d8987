"""What every proposal step shares (each part's services build on it): load a proposal
under the transition table, its timeline line with the audit event, and who is told.

    PROPOSAL.begin (permission, row lock + version, state) ──► change ──► save_step
        ──► record_proposal_step (timeline + audit) ──► tell_proposers / tell_offices
"""

import datetime
from collections.abc import Iterable
from typing import Any

from tongxin.accounts.models import User
from tongxin.workflow.referral.selectors import handlers_of
from tongxin.workflow.steps import page_of, record_step, tell

from ..proposal_machine import PROPOSAL
from ..proposal_models import Proposal, ProposalEvent, SignerStatus

# What a step reads of a proposal besides its own row (joined, not locked).
PROPOSAL_RELATED = ("session", "school", "union", "lead")


def load_proposal(actor: User, proposal: Proposal, name: str, version: int | None) -> Proposal:
    """The step's first lines: permission (NotAllowed), lock with the version check
    (StaleObject), the state (DomainError naming it). Returns the locked, fresh proposal."""
    return PROPOSAL.begin(
        actor=actor, obj=proposal, name=name, expected_version=version, related=PROPOSAL_RELATED
    )


def actor_label(actor: User | None) -> str:
    if actor is None:
        return "系统"
    return (actor.real_name or actor.username)[:60]


def record_proposal_step(
    actor: User | None,
    proposal: Proposal,
    *,
    kind: str,
    now: datetime.datetime,
    text: str = "",
    data: dict[str, Any] | None = None,
) -> None:
    """A line on the proposal's timeline plus its audit event `congress.proposal.<kind>`
    (kind: the table's `done` verb), in the caller's transaction."""
    record_step(
        actor=actor,
        action=f"congress.proposal.{kind}",
        target=proposal,
        line=ProposalEvent(
            proposal=proposal,
            school_id=proposal.school_id,
            kind=kind,
            actor=actor,
            actor_label=actor_label(actor),
            text=text,
            created_at=now,
        ),
        school=proposal.school,
        data={"proposal": proposal.pk, "proposal_state": proposal.state, **(data or {})},
    )


def describe(proposal: Proposal) -> str:
    """“第 12 号提案《延长图书馆开放时间》” (a draft has no number yet)."""
    number = f"第 {proposal.number} 号" if proposal.number else ""
    return f"{number}提案《{proposal.title}》"


def proposers_of(proposal: Proposal) -> list[User]:
    """The lead and the confirmed co-signers and co-proposers."""
    signers = proposal.signers.filter(status=SignerStatus.CONFIRMED).select_related("user")
    return [proposal.lead, *(s.user for s in signers)]


def _tell(users: Iterable[User], proposal: Proposal, title: str, skip: User | None) -> None:
    tell(
        users,
        verb="congress.proposal.updated",
        title=title,
        url=page_of("congress:proposal-detail", proposal),
        school=proposal.school,
        skip=skip,
    )


def tell_proposers(proposal: Proposal, title: str, *, skip: User | None = None) -> None:
    _tell(proposers_of(proposal), proposal, title, skip)


def tell_users(
    users: Iterable[User], proposal: Proposal, title: str, *, skip: User | None = None
) -> None:
    _tell(users, proposal, title, skip)


def tell_offices(
    proposal: Proposal, office_ids: Iterable[int | None], title: str, *, skip: User | None = None
) -> None:
    _tell(handlers_of(office_ids), proposal, title, skip)
