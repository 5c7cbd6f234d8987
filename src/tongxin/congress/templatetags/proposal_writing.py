"""What the writing steps' fragments read beyond the proposal page's context: the
delegates one may still invite, the co-signers confirmed and needed, the categories."""

from typing import Any

from django import template

from ..proposal_models import Proposal, ProposalCategory
from ..proposal_write_selectors import session_delegates
from ..services.proposal_writing import confirmed_cosigners, session_rule

register = template.Library()


@register.simple_tag
def invitable_for(proposal: Proposal, refused: Any = None) -> list[tuple[Any, bool]]:
    """The session's delegates not yet invited (nor the lead), by name (at most 300), each
    with whether the refused invitation had ticked them (kept as typed)."""
    taken = proposal.signers.values("user_id")
    rows = session_delegates(proposal.session).exclude(pk=proposal.lead_id).exclude(pk__in=taken)
    ticked: set[str] = set()
    if refused and refused.get("step") == "invite":
        data = refused.get("data")
        ticked = set(data.getlist("invitees")) if hasattr(data, "getlist") else set()
    return [(u, str(u.pk) in ticked) for u in rows[:300]]


@register.simple_tag
def cosigners_of(proposal: Proposal) -> dict[str, int]:
    return {
        "confirmed": confirmed_cosigners(proposal),
        "needed": session_rule(proposal.session).proposal_min_cosigners,
    }


@register.simple_tag
def proposal_categories() -> list[tuple[str, Any]]:
    return list(ProposalCategory.choices)
