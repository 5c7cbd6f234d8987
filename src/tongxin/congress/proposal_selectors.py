"""Read queries every proposals part shares: one proposal within the reader's reach, its
timeline, signers, ratings and co-office inputs. Lists live with their parts."""

from typing import Any

from django.db.models import QuerySet

from tongxin.core.authz import can

from .proposal_models import Proposal, ProposalEvent, ProposalInput, ProposalRating, ProposalSigner


def proposal_get_for(*, actor: Any, pk: int) -> Proposal:
    """The proposal when `actor` may read it (congress.view_proposal); DoesNotExist
    otherwise, so a proposal out of reach answers like a missing one."""
    # Three joins: with the four optional ones too, PostgreSQL spent 10 ms planning the
    # nine-table join (one more than join_collapse_limit); the others load when set.
    proposal = Proposal.objects.select_related("session", "union", "lead").get(pk=pk)
    if not can(actor, "congress.view_proposal", proposal):
        raise Proposal.DoesNotExist
    return proposal


def timeline_of(proposal: Proposal) -> QuerySet[ProposalEvent]:
    return proposal.events.order_by("created_at", "id")


def signers_of(proposal: Proposal) -> QuerySet[ProposalSigner]:
    return proposal.signers.select_related("user", "from_proposal").order_by("invited_at", "id")


def ratings_of(proposal: Proposal) -> QuerySet[ProposalRating]:
    return proposal.ratings.select_related("user").order_by("round", "created_at", "id")


def inputs_of(proposal: Proposal) -> QuerySet[ProposalInput]:
    return proposal.inputs.select_related("office", "author").order_by("created_at", "id")
