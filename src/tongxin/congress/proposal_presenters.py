"""What a reader sees of a proposal: its fields, the people on it, the offices' replies,
the ratings, the timeline, and the steps the transition table lets the reader take now."""

import datetime
from dataclasses import dataclass
from typing import Any

from . import proposal_selectors as selectors
from .proposal_machine import PROPOSAL
from .proposal_models import Proposal

LABELS = {a.done: a.label for a in PROPOSAL.actions}
LABELS["reminded"] = "答复时限提醒"  # the reply clock's ladder (handling part's hook)
# The step's own form fragment, or the generic one (version + optional note + button).
STEP_TEMPLATE = "congress/proposals/steps/{name}.html"
GENERIC_STEP = "congress/proposals/steps/_generic.html"


@dataclass(frozen=True)
class TimelineLine:
    kind: str
    label: str
    actor: str
    text: str
    at: datetime.datetime


@dataclass(frozen=True)
class StepView:
    name: str
    label: str
    templates: tuple[str, str]


def timeline_lines(proposal: Proposal) -> list[TimelineLine]:
    return [
        TimelineLine(e.kind, str(LABELS.get(e.kind, e.kind)), e.actor_label, e.text, e.created_at)
        for e in selectors.timeline_of(proposal)
    ]


def available_steps(proposal: Proposal, viewer: Any) -> list[str]:
    return PROPOSAL.allowed(viewer, proposal)


def step_views(proposal: Proposal, viewer: Any) -> list[StepView]:
    return [
        StepView(
            name, str(PROPOSAL.action(name).label), (STEP_TEMPLATE.format(name=name), GENERIC_STEP)
        )
        for name in available_steps(proposal, viewer)
    ]


def proposal_context(proposal: Proposal, viewer: Any) -> dict[str, Any]:
    return {
        "p": proposal,
        "signers": list(selectors.signers_of(proposal)),
        "ratings": list(selectors.ratings_of(proposal)),
        "inputs": list(selectors.inputs_of(proposal)),
        "co_offices": list(proposal.co_offices.all()) if proposal.lead_office_id else [],
        "timeline": timeline_lines(proposal),
        "steps": step_views(proposal, viewer),
    }
