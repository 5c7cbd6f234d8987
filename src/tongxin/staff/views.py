"""Pages about union staff: unions and their rosters, warnings, grades, limits."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.accounts.models import PRESIDIUM_POSITIONS
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.pagination import page_number, paginate
from tongxin.orgs.models import Node
from tongxin.training.selectors import coverage_of

from . import selectors
from .calendar import academic_year_of
from .forms import AppointForm, DepartmentForm, ExitForm, RecordForm
from .models import ExitKind
from .services import structure


@login_required
def union_list_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "staff.open_unions"):
        raise PermissionDenied
    flagged_only = request.GET.get("flagged") == "1"
    unions = selectors.union_list_for(actor=request.user, over_limits=flagged_only)
    page = paginate(unions, page_number(request))
    rows = selectors.union_rows(page.items)
    return render(
        request, "staff/union_list.html", {"page": page, "rows": rows, "flagged_only": flagged_only}
    )


def _union(request: AuthenticatedRequest, pk: int) -> Node:
    try:
        return selectors.union_get_for(actor=request.user, pk=pk)
    except Node.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def union_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    union = _union(request, pk)
    [row] = selectors.union_rows([union])
    context: dict[str, Any] = {
        "union": union,
        "row": row,
        "show_roster": can(request.user, "staff.view_union", union),
    }
    if context["show_roster"]:
        roster = selectors.roster_of(union)
        context.update(
            {
                "presidium": [m for m in roster if m.position in PRESIDIUM_POSITIONS],
                "unassigned": [
                    m
                    for m in roster
                    if m.position not in PRESIDIUM_POSITIONS
                    and getattr(getattr(m, "appointment", None), "department_id", None) is None
                ],
                "departments": selectors.departments_of(union),
                "by_department": _by_department(roster),
                "rotation": selectors.rotation_of(union),
                "records": selectors.records_of(union),
                "manage": can(request.user, "staff.manage_union", union),
                "see_warnings": can(request.user, "staff.view_union_warnings", union),
                "warnings": list(selectors.warnings_of_union(union)[:50]),
                "appoint_form": AppointForm(),
                "department_form": DepartmentForm(),
                "exit_kinds": ExitKind.choices,
                "coverage": coverage_of(union, academic_year_of(timezone.localdate())),
            }
        )
    return render(request, "staff/union_detail.html", context)


def _by_department(roster: list[Any]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    for m in roster:
        appointment = getattr(m, "appointment", None)
        if appointment is not None and appointment.department_id:
            grouped.setdefault(appointment.department_id, []).append(m)
    return grouped


def _done(request: AuthenticatedRequest, union: Node, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("staff:union-detail", pk=union.pk)


def _failed(request: AuthenticatedRequest, union: Node, text: str) -> HttpResponse:
    messages.error(request, text)
    return redirect("staff:union-detail", pk=union.pk)


@login_required
@require_POST
def department_create_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    union = _union(request, pk)
    form = DepartmentForm(request.POST)
    if not form.is_valid():
        return _failed(request, union, "请填写部门名称。")
    try:
        structure.department_create(actor=request.user, union=union, name=form.cleaned_data["name"])
    except DomainError as exc:
        return _failed(request, union, exc.message)
    return _done(request, union, "部门已设立。")


@login_required
@require_POST
def appoint_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    union = _union(request, pk)
    form = AppointForm(request.POST)
    if not form.is_valid():
        return _failed(request, union, "请填写学号并选择职务。")
    if union.school is None:
        raise Http404
    person = selectors.school_student(union.school, form.cleaned_data["number"])
    if person is None:
        return _failed(request, union, f"本校没有学号 {form.cleaned_data['number']}。")
    department = selectors.department_of(union, form.cleaned_data["department"])
    try:
        structure.officer_appoint(
            actor=request.user,
            user=person,
            union=union,
            position=form.cleaned_data["position"],
            department=department,
        )
    except DomainError as exc:
        return _failed(request, union, exc.message)
    return _done(request, union, f"已任命{person.real_name}。")


@login_required
@require_POST
def exit_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    union = _union(request, pk)
    form = ExitForm(request.POST)
    membership = selectors.membership_of(union, request.POST.get("membership"))
    if not form.is_valid() or membership is None:
        return _failed(request, union, "请选择退出方式并填写原因。")
    try:
        structure.officer_exit(
            actor=request.user,
            membership=membership,
            kind=form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        return _failed(request, union, exc.message)
    return _done(request, union, f"{membership.user.real_name}已退出。")


@login_required
@require_POST
def record_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    union = _union(request, pk)
    form = RecordForm(request.POST)
    membership = selectors.membership_of(union, request.POST.get("membership"))
    if not form.is_valid() or membership is None:
        return _failed(request, union, "请填写奖惩的名称和事由。")
    try:
        structure.record_add(
            actor=request.user,
            officer=membership.user,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        return _failed(request, union, exc.message)
    return _done(request, union, "已记录。")
