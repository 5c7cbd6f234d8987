"""Grades upload, warnings and limits pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.accounts.roles import advised_school
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.pagination import page_number, paginate

from . import grades, selectors
from .forms import GradesForm, LimitForm
from .services.academic import GradesRejected, grades_import
from .services.limits import FIELDS, limit_save


@login_required
def grades_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "staff.open_grade_upload"):
        raise PermissionDenied
    schools = [
        s
        for s in selectors.upload_schools(request.user)
        if can(request.user, "staff.upload_grades", s)
    ]
    if not schools:
        raise PermissionDenied
    form = GradesForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        school = next((s for s in schools if s.pk == form.cleaned_data["school"]), schools[0])
        upload = form.cleaned_data["file"]
        try:
            done = grades_import(
                actor=request.user, school=school, stream=upload, file_name=upload.name
            )
        except GradesRejected as exc:
            errors = exc.errors
            messages.error(request, exc.message)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"已导入 {done.rows} 条成绩数据，并已重新核查在任学生会工作人员的任职资格。",
            )
            return redirect("staff:grades")
    page = paginate(selectors.uploads_for(request.user), page_number(request))
    return render(
        request,
        "staff/grades.html",
        {"form": form, "schools": schools, "errors": errors, "page": page},
    )


@login_required
def grades_template_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "staff.open_grade_upload"):
        raise PermissionDenied
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        "attachment; filename*=UTF-8''%E6%88%90%E7%BB%A9%E6%A8%A1%E6%9D%BF.xlsx"
    )
    grades.template().save(response)
    return response


@login_required
def school_warnings_view(request: AuthenticatedRequest) -> HttpResponse:
    school = advised_school(request.user)
    if school is None or not can(request.user, "staff.view_school_warnings", school):
        raise PermissionDenied
    page = paginate(selectors.warnings_for_school(school), page_number(request))
    return render(
        request,
        "staff/warnings.html",
        {
            "school": school,
            "page": page,
            "counts": selectors.warning_counts_by_union(school),
            "unions": list(selectors.union_list_for(actor=request.user).filter(school=school)),
        },
    )


@login_required
def my_warnings_view(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request, "staff/my_warnings.html", {"warnings": selectors.my_warnings(request.user)}
    )


@login_required
def limits_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "staff.manage_limits"):
        raise PermissionDenied
    form = LimitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            limit_save(
                actor=request.user,
                academic_year=d["academic_year"],
                level=d["level"],
                values={f: d.get(f) for f in FIELDS},
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "限额已保存。")
            return redirect("staff:limits")
    return render(request, "staff/limits.html", {"form": form, "rows": selectors.limit_rows()})
