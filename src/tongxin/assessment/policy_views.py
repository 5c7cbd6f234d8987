"""The federation admin's page: weights and level thresholds per academic year."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.staff.calendar import academic_year_of

from . import selectors, services
from .forms import PolicyForm
from .models import AssessmentPolicy


@login_required
def policy_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "assessment.manage_policy"):
        raise PermissionDenied
    year = academic_year_of(timezone.localdate())
    if request.GET.get("year", "").isdigit():
        year = int(request.GET["year"])
    current = selectors.policy_row_for(year) or AssessmentPolicy()
    form = PolicyForm(request.POST or None, initial=PolicyForm.initial_for(current, year))
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            services.policy_save(
                actor=request.user, academic_year=values.pop("academic_year"), values=values
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "评议权重与等级已保存，此后开启的评议按新规则计分。")
            return redirect("assessment:policy")
    return render(
        request,
        "assessment/policy.html",
        {"form": form, "rows": selectors.policy_rows()[:20], "year": year},
    )
