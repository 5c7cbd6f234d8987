"""`{% load proposal_handling_tags %}{% handling_for p request.user as handling %}` in the
handling steps' templates: the result classes, ratings and the co-offices the viewer may
write an opinion for (the offices of the proposal's co-offices they handle)."""

from typing import Any

from django import template

from tongxin.accounts.models import Role
from tongxin.accounts.roles import node_ids_where

from ..proposal_handling_forms import FINAL_CHOICES, RATING_CHOICES
from ..proposal_models import Proposal, ResultClass

register = template.Library()


@register.simple_tag
def handling_for(proposal: Proposal, user: Any) -> dict[str, Any]:
    mine = node_ids_where(user, Role.OFFICE_HANDLER)
    return {
        "result_classes": ResultClass.choices,
        "final_classes": FINAL_CHOICES,
        "ratings": RATING_CHOICES,
        "my_co_offices": list(proposal.co_offices.filter(pk__in=mine)) if mine else [],
    }
