"""The rater's pages: the officers to rate, and the rating form (with the officer's report)."""

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
from .forms import RatingForm
from .models import RatedOfficer


def _require_rater(request: AuthenticatedRequest) -> None:
    """Only people chosen as raters (in some round) ever open these pages."""
    if not can(request.user, "assessment.open_rating"):
        raise PermissionDenied


@login_required
def rating_list_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_rater(request)
    page = paginate(selectors.to_rate_for(actor=request.user), page_number(request))
    return render(request, "assessment/rating_list.html", {"page": page})


@login_required
def rating_submit_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require_rater(request)
    try:
        rated = selectors.rated_get_for_rater(actor=request.user, pk=pk)
    except RatedOfficer.DoesNotExist as exc:
        raise Http404 from exc
    mine = selectors.my_rating(actor=request.user, rated=rated)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_submit(actor=request.user, rated=rated, scores=form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已提交对{rated.officer.real_name}的评分。")
            return redirect("assessment:rating-list")
    return render(
        request,
        "assessment/rating_form.html",
        {"rated": rated, "round": rated.round, "form": form, "mine": mine},
    )
