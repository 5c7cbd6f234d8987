"""The choices of the committee's step forms (accept, refuse, merge, refer) on a proposal's
page: the school's offices, the committee's members, the session's other proposals. Read
once per proposal and page, whichever forms show."""

from typing import Any

from django import template

from ..proposal_committee_selectors import (
    committee_of,
    members_of,
    merge_targets,
    school_offices,
)
from ..proposal_models import DeadlineKind, NotAcceptedGround, Proposal

register = template.Library()


@register.simple_tag
def committee_choices(proposal: Proposal) -> dict[str, Any]:
    cached = getattr(proposal, "_committee_choices", None)
    if cached is None:
        cached = {
            "offices": school_offices(proposal.school_id),
            "members": members_of(committee_of(proposal.session)),
            "targets": merge_targets(proposal),
            "grounds": NotAcceptedGround.choices,
            "kinds": DeadlineKind.choices,
        }
        proposal._committee_choices = cached  # type: ignore[attr-defined]
    return cached


@register.filter
def typed(refused: Any, step: str) -> Any:
    """The refused step's POST (QueryDict) when it is this step, else None."""
    if refused and refused.get("step") == step:
        return refused.get("data")
    return None


@register.filter
def getlist(data: Any, name: str) -> list[str]:
    return list(data.getlist(name)) if data is not None and hasattr(data, "getlist") else []


@register.filter
def get(data: Any, name: str) -> str:
    return str(data.get(name, "")) if data is not None else ""


@register.filter
def as_str(value: Any) -> str:
    return "" if value is None else str(value)
