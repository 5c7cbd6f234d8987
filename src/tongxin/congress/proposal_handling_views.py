"""The offices' proposals page (提案办理): the proposals referred to the viewer's offices,
as lead or co-office, the soonest reply deadline first, overdue ones flagged."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.pagination import page_number, paginate

from .proposal_handling_selectors import office_proposals_for


@login_required
def office_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "congress.open_proposal_office"):
        raise PermissionDenied
    done = request.GET.get("done") == "1"
    page = paginate(office_proposals_for(actor=request.user, done=done), page_number(request))
    return render(
        request,
        "congress/proposals/office.html",
        {
            "page": page,
            "done": done,
            "query": "done=1" if done else "",
            "now": timezone.now(),
        },
    )
