"""Pages of call-ins (请上来) and meeting records (part H): the federation's list of marked
schools (with the failing schools still to mark and the latest meetings), a school's
page (its marks by year, why it fails, its meetings), and the posts: mark, clear, record.

403 for roles that never open the pages (and for readers who may not act on a post);
404 for a school or an assessment out of reach. A refused or invalid post shows the
school's page again with the reason (200)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.forms import form_errors
from tongxin.core.pagination import page_number, paginate
from tongxin.orgs.models import Node
from tongxin.staff.calendar import academic_year_of

from . import meeting_selectors as selectors
from .meeting_forms import ClearForm, MarkForm, MeetingForm
from .models import SchoolAssessment
from .services import meetings as services

LATEST_MEETINGS = 10
CANDIDATES_SHOWN = 50


def _year(request: AuthenticatedRequest) -> int:
    raw = (request.GET.get("year") or "").strip()
    if raw.isascii() and raw.isdigit() and len(raw) == 4:
        return int(raw)
    return academic_year_of(timezone.localdate()) - 1  # last year's outcome, rated


def _years(year: int) -> list[int]:
    this = academic_year_of(timezone.localdate())
    return sorted({this, this - 1, this - 2, year}, reverse=True)


def _school(request: AuthenticatedRequest, school_id: int) -> Node:
    if not can(request.user, "reform.open_school_meetings"):
        raise PermissionDenied
    try:
        return selectors.school_get_for(actor=request.user, pk=school_id)
    except Node.DoesNotExist as exc:
        raise Http404 from exc


def _assessment(request: AuthenticatedRequest, pk: int) -> SchoolAssessment:
    if not can(request.user, "reform.open_school_meetings"):
        raise PermissionDenied
    try:
        assessment = selectors.assessment_get_for(actor=request.user, pk=pk)
    except SchoolAssessment.DoesNotExist as exc:
        raise Http404 from exc
    if not can(request.user, "reform.mark_call_in", assessment):
        raise PermissionDenied
    return assessment


@login_required
def call_in_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """约谈与交流: the marked schools of the year in reach, the failing ones to mark, and
    the latest meetings."""
    if not can(request.user, "reform.open_call_ins"):
        raise PermissionDenied
    year = _year(request)
    page = paginate(selectors.call_in_list_for(actor=request.user, year=year), page_number(request))
    candidates = selectors.call_in_candidates_for(actor=request.user, year=year)
    meetings = list(selectors.meeting_list_for(actor=request.user)[:LATEST_MEETINGS])
    context = {
        "year": year,
        "years": _years(year),
        "page": page,
        "candidates": candidates[:CANDIDATES_SHOWN],
        "candidates_total": len(candidates),
        "meetings": meetings,
    }
    return render(request, "reform/meeting_list.html", context)


def school_context(request: AuthenticatedRequest, school: Node, year: int) -> dict[str, Any]:
    assessments = selectors.assessments_of_school(school)
    chosen = next((a for a in assessments if a.academic_year == year), None)
    page = paginate(
        selectors.meeting_list_for(actor=request.user, school=school), page_number(request)
    )
    may_record = can(request.user, "reform.record_meeting", school)
    return {
        "school": school,
        "year": year,
        "years": sorted({a.academic_year for a in assessments} | {year}, reverse=True),
        "assessment": chosen,
        "failures": selectors.failures_of(chosen) if chosen else [],
        "may_mark": chosen is not None and can(request.user, "reform.mark_call_in", chosen),
        "may_record": may_record,
        "form": MeetingForm(initial={"held_on": timezone.localdate()}) if may_record else None,
        "page": page,
    }


@login_required
def meeting_school_view(request: AuthenticatedRequest, school_id: int) -> HttpResponse:
    """一所学校的约谈与交流: its mark of the year, why it fails, its meetings."""
    school = _school(request, school_id)
    return render(
        request, "reform/meeting_school.html", school_context(request, school, _year(request))
    )


def _back(assessment: SchoolAssessment) -> HttpResponse:
    url = reverse("reform:meeting-school", args=[assessment.school_id])
    return redirect(f"{url}?year={assessment.academic_year}")


def _refused(
    request: AuthenticatedRequest, school: Node, year: int, problem: str, form: Any = None
) -> HttpResponse:
    context = school_context(request, school, year)
    if form is not None:
        context["form"] = form
    return render(request, "reform/meeting_school.html", {**context, "problem": problem})


@login_required
@require_POST
def call_in_mark_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    form = MarkForm(request.POST)
    year = assessment.academic_year
    if not form.is_valid():
        return _refused(request, assessment.school, year, form_errors(form))
    try:
        services.call_in_mark(
            actor=request.user,
            assessment=assessment,
            expected_version=form.cleaned_data["version"],
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        return _refused(request, assessment.school, year, exc.message)
    messages.success(request, "已列为约谈对象，已通知校团委老师。")
    return _back(assessment)


@login_required
@require_POST
def call_in_clear_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    form = ClearForm(request.POST)
    year = assessment.academic_year
    if not form.is_valid():
        return _refused(request, assessment.school, year, form_errors(form))
    try:
        services.call_in_clear(
            actor=request.user,
            assessment=assessment,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        return _refused(request, assessment.school, year, exc.message)
    messages.success(request, "已撤销约谈对象。")
    return _back(assessment)


@login_required
@require_POST
def meeting_new_view(request: AuthenticatedRequest, school_id: int) -> HttpResponse:
    school = _school(request, school_id)
    if not can(request.user, "reform.record_meeting", school):
        raise PermissionDenied
    year = _year(request)
    form = MeetingForm(request.POST)
    if not form.is_valid():
        return _refused(request, school, year, form_errors(form), form)
    try:
        services.meeting_record(actor=request.user, school=school, **form.cleaned_data)
    except DomainError as exc:
        return _refused(request, school, year, exc.message, form)
    messages.success(request, "记录已保存。")
    url = reverse("reform:meeting-school", args=[school.pk])
    return redirect(f"{url}?year={year}#meetings")
