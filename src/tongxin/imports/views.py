"""Import pages: upload and recent jobs, the template download, a job and its live status."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.pagination import page_number, paginate

from . import selectors, services
from .forms import UploadForm
from .models import ImportJob
from .template_workbook import TEMPLATE_FILENAME, XLSX_CONTENT_TYPE, build_template
from .uploads import MAX_UPLOAD_MB


def _require_import(request: AuthenticatedRequest) -> None:
    if not can(request.user, "imports.use_import"):
        raise PermissionDenied


@login_required
def upload_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_import(request)
    schools = list(selectors.import_schools_for(actor=request.user))
    form = UploadForm(request.POST or None, request.FILES or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_job_create(
                actor=request.user,
                school=form.cleaned_data["school"],
                upload=form.cleaned_data["file"],
            )
        except DomainError as exc:
            form.add_error("file" if exc.field == "file" else None, exc.message)
        else:
            return redirect("imports:job-detail", pk=job.pk)
    page = paginate(selectors.import_job_list_for(actor=request.user), page_number(request))
    context = {"form": form, "page": page, "max_upload_mb": MAX_UPLOAD_MB}
    return render(request, "imports/upload.html", context, status=400 if form.errors else 200)


@login_required
def template_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_import(request)
    response = HttpResponse(build_template(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, TEMPLATE_FILENAME)
    return response


def _job_for(request: AuthenticatedRequest, pk: int) -> ImportJob:
    _require_import(request)
    try:
        return selectors.import_job_get_for(actor=request.user, pk=pk)
    except ImportJob.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def job_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    errors = selectors.import_job_errors_page(job, page_number(request))
    return render(request, "imports/job_detail.html", {"job": job, "errors": errors})


@login_required
def job_status_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The htmx partial the job page polls while the worker runs."""
    job = _job_for(request, pk)
    errors = selectors.import_job_errors_page(job, 1)
    return render(request, "imports/_job_status.html", {"job": job, "errors": errors})
