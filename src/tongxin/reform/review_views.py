"""Pages of the review chain (issue 17): a school's assessment (its sheets, buttons from the
transition tables, reason forms, the timeline), the posts of a sheet's and an assessment's
steps, the review list of each level with the reporting rates, the year's calendar.

A step someone may not take answers 403 (the machine's permission); a refused or invalid
step shows the page again with the reason (200), nothing changed."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.forms import form_errors
from tongxin.core.pagination import page_number, paginate

from . import review_selectors as selectors
from .review_forms import CalendarForm, StepForm
from .review_machine import ASSESSMENT, SHEET
from .review_models import AssessmentState, SchoolAssessment, SheetState, UnionSheet
from .review_presenters import assessment_buttons, assessment_rows, sheet_context, sheet_rows
from .services import review as services
from .services.review_calendar import calendar_save
from .union_selectors import this_year
from .union_views import union_context


def _assessment(request: AuthenticatedRequest, pk: int) -> SchoolAssessment:
    try:
        return selectors.assessment_get_for(actor=request.user, pk=pk)
    except SchoolAssessment.DoesNotExist as exc:
        raise Http404 from exc


def _sheet(request: AuthenticatedRequest, pk: int) -> UnionSheet:
    try:
        return selectors.sheet_get_for(actor=request.user, pk=pk)
    except UnionSheet.DoesNotExist as exc:
        raise Http404 from exc


def _may(request: AuthenticatedRequest, machine: Any, action: str, obj: Any) -> None:
    """A reader who may not take the step at all: 403 before anything is read of the post."""
    if not can(request.user, machine.action(action).perm, obj):
        raise PermissionDenied


def _year(request: AuthenticatedRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and len(raw) == 4 else this_year()


def assessment_context(user: Any, assessment: SchoolAssessment) -> dict[str, Any]:
    return {
        "assessment": assessment,
        "rows": sheet_rows(user, selectors.sheets_of(assessment), assessment),
        "buttons": assessment_buttons(user, assessment),
        "timeline": selectors.steps_of(assessment),
        "calendar": selectors.calendar_of(assessment.academic_year),
    }


@login_required
def assessment_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    return render(request, "reform/assessment.html", assessment_context(request.user, assessment))


def _refused_assessment(
    request: AuthenticatedRequest, assessment: SchoolAssessment, problem: str
) -> HttpResponse:
    fresh = _assessment(request, assessment.pk)
    context = assessment_context(request.user, fresh)
    return render(request, "reform/assessment.html", {**context, "problem": problem})


@login_required
@require_POST
def assessment_step_view(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    assessment = _assessment(request, pk)
    if action not in services.ASSESSMENT_SERVICES:
        raise Http404
    _may(request, ASSESSMENT, action, assessment)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _refused_assessment(request, assessment, form_errors(form))
    try:
        services.take_assessment_step(
            actor=request.user,
            assessment=assessment,
            name=action,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        return _refused_assessment(request, assessment, exc.message)
    messages.success(request, "操作已完成。")
    return redirect("reform:assessment", pk=assessment.pk)


def _sheet_refused(
    request: AuthenticatedRequest, sheet: UnionSheet, problem: str, back: str
) -> HttpResponse:
    assessment = selectors.assessment_of_sheet(sheet)
    viewable = assessment is not None and can(request.user, "reform.view_assessment", assessment)
    if back == "union" or assessment is None or not viewable:
        context = union_context(request, sheet.union, sheet.catalogue.academic_year)
        context |= sheet_context(request.user, _sheet(request, sheet.pk))
        return render(request, "reform/union.html", {**context, "sheet_problem": problem})
    return _refused_assessment(request, assessment, problem)


@login_required
@require_POST
def sheet_step_view(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    sheet = _sheet(request, pk)
    if action not in services.SHEET_SERVICES:
        raise Http404
    _may(request, SHEET, action, sheet)
    back = "union" if request.POST.get("back") == "union" else "assessment"
    form = StepForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(form_errors(form))
        services.take_sheet_step(
            actor=request.user,
            sheet=sheet,
            name=action,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        return _sheet_refused(request, sheet, exc.message, back)
    messages.success(request, "操作已完成。")
    if back == "union":
        url = reverse("reform:union", args=[sheet.union_id])
        return redirect(f"{url}?year={sheet.catalogue.academic_year}")
    assessment = selectors.assessment_of_sheet(sheet)
    if assessment is None or not can(request.user, "reform.view_assessment", assessment):
        return redirect("reform:union", pk=sheet.union_id)
    return redirect("reform:assessment", pk=assessment.pk)


@login_required
def review_view(request: AuthenticatedRequest) -> HttpResponse:
    """The review list of the reader's level, with the reporting rates."""
    if not can(request.user, "reform.open_review"):
        raise PermissionDenied
    year, state = _year(request), request.GET.get("state", "")
    level = selectors.level_of(request.user)
    context: dict[str, Any] = {"year": year, "state": state, "level": level}
    if level == "school":
        state = state if state in SheetState.values else ""
        page = paginate(selectors.sheets_for(actor=request.user, year=year, state=state),
                        page_number(request))  # fmt: skip
        context |= {"states": SheetState.choices, "page": page}
        context["sheet_rows"] = [(s, selectors.sheet_waiting(s)) for s in page.items]
        mine = list(selectors.assessments_for(actor=request.user, year=year))
        context["rows"] = assessment_rows(mine, level, selectors.sheet_counts(mine))
    else:
        state = state if state in AssessmentState.values else ""
        page = paginate(selectors.assessments_for(actor=request.user, year=year, state=state),
                        page_number(request))  # fmt: skip
        counts = selectors.sheet_counts(page.items)
        context |= {"states": AssessmentState.choices, "page": page}
        context["rows"] = assessment_rows(page.items, level, counts)
    context["state"] = state
    context["rates"] = selectors.rates_for(actor=request.user, year=year)
    context["may_edit_calendar"] = can(request.user, "reform.manage_calendar")
    return render(request, "reform/review.html", context)


@login_required
def calendar_view(request: AuthenticatedRequest) -> HttpResponse:
    """The federation admin's calendar of a year (?year=): dates in order."""
    if not can(request.user, "reform.manage_calendar"):
        raise PermissionDenied
    year = _year(request)
    current = selectors.calendar_of(year)
    initial = {f: getattr(current, f) for f in CalendarForm.base_fields} if current else {}
    form = CalendarForm(request.POST or None, initial=initial)
    problem = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                calendar_save(actor=request.user, year=year, values=form.values())
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                problem = exc.message
            else:
                messages.success(request, "审核时间表已保存。")
                return redirect(f"{reverse('reform:review-calendar')}?year={year}")
        else:
            problem = form_errors(form)
    context = {"form": form, "year": year, "current": current, "problem": problem}
    return render(request, "reform/review_calendar.html", context)
