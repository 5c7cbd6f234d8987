"""The rated officer's own pages: their rounds, the work report, their own results.

Nothing here names a rater: the officer reads their score, level, per-dimension scores and
group averages, never who rated what nor who has rated.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.pagination import page_number, paginate

from . import selectors, services
from .forms import ReportForm
from .models import RatedOfficer, RoundStatus
from .presenters import result_view


def _require_officer(request: AuthenticatedRequest) -> None:
    if not can(request.user, "assessment.view_own_results"):
        raise PermissionDenied


@login_required
def my_rounds_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_officer(request)
    page = paginate(selectors.my_rounds(actor=request.user), page_number(request))
    return render(request, "assessment/my_rounds.html", {"page": page})


@login_required
def my_round_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require_officer(request)
    try:
        rated = selectors.my_round_get_for(actor=request.user, pk=pk)
    except RatedOfficer.DoesNotExist as exc:
        raise Http404 from exc
    form = ReportForm(request.POST or None, initial={"report": rated.report})
    if request.method == "POST" and form.is_valid():
        try:
            services.report_submit(
                actor=request.user, rated=rated, text=form.cleaned_data["report"]
            )
        except DomainError as exc:
            form.add_error("report", exc.message)
        else:
            messages.success(request, "述职报告已保存。")
            return redirect("assessment:my-round", pk=rated.pk)
    published = rated.round.status == RoundStatus.PUBLISHED
    return render(
        request,
        "assessment/my_round.html",
        {
            "rated": rated,
            "round": rated.round,
            "form": form,
            "result": result_view(rated) if published else None,
        },
    )
