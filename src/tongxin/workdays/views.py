from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError

from . import selectors, services


class YearForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    holidays = forms.CharField(
        label="放假日期（每行一个，可在日期后写名称）",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="例如：2027-01-01 元旦。包括落在周末的假期。",
    )
    workdays = forms.CharField(
        label="调休上班日期（周末上班，每行一个）",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


@login_required
def calendar_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "workdays.manage_calendar"):
        raise PermissionDenied
    form = YearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        try:
            services.calendar_year_save(
                actor=request.user,
                year=year,
                holidays=services.parse_day_lines(
                    form.cleaned_data["holidays"], year=year, field="holidays"
                ),
                workdays=services.parse_day_lines(
                    form.cleaned_data["workdays"], year=year, field="workdays"
                ),
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"{year} 年的节假日安排已保存。")
            return redirect("workdays:calendar")
    years = list(selectors.year_list()[:30])
    counts = selectors.day_counts([y.year for y in years])
    rows = [(y, *counts.get(y.year, (0, 0))) for y in years]
    return render(
        request,
        "workdays/calendar.html",
        {"form": form, "rows": rows, "missing": selectors.years_needing_entry()},
    )
