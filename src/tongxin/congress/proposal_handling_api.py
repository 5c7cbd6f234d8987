"""The offices' proposals as JSON (the handling part): GET /api/v1/congress/proposals/office,
the same list as the office page. The steps themselves go through proposal_api."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from tongxin.core.authz import can
from tongxin.core.http import PageNumber
from tongxin.core.pagination import paginate

from .proposal_api import proposal_out
from .proposal_handling_selectors import office_proposals_for
from .proposal_schemas import ProposalOut

router = Router(tags=["congress"])


class OfficeProposalOut(ProposalOut):
    lead_office_id: int | None
    reply_due_at: datetime | None
    overdue: bool


class OfficeProposalPage(Schema):
    items: list[OfficeProposalOut]
    page: int
    has_next: bool


@router.get("", response=OfficeProposalPage)
def office_list(request: HttpRequest, done: bool = False, page: PageNumber = 1) -> Any:
    """Proposals referred to the caller's offices (lead or co-office), the soonest reply
    deadline first; `done=true` the done ones."""
    if not can(request.user, "congress.open_proposal_office"):
        raise HttpError(403, "只有职能部门的工作人员可以查看。")
    found = paginate(office_proposals_for(actor=request.user, done=done), page)
    now = timezone.now()
    return {
        "items": [
            {
                **proposal_out(p),
                "lead_office_id": p.lead_office_id,
                "reply_due_at": p.reply_due_at,
                "overdue": p.reply_due_at is not None and p.reply_due_at < now,
            }
            for p in found.items
        ],
        "page": found.number,
        "has_next": found.has_next,
    }
