"""The one place attachments are served, uploaded and removed, for every app's subjects.

There is no public media URL: a file answers only through `download`, which asks the
subject's read permission; missing and not-readable answer the same 404.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.errors import DomainError
from tongxin.core.subjects import subject_of

from . import selectors, services
from .models import Attachment
from .presenters import panel_for


def _status(request: AuthenticatedRequest, error: str) -> int:
    """htmx swaps only 2xx answers, so a refusal it must show comes as 200; a plain form
    post that is refused gets 400."""
    return 400 if error and not request.headers.get("HX-Request") else 200


def _attachment(request: AuthenticatedRequest, pk: int) -> Attachment:
    try:
        return selectors.attachment_get_for(actor=request.user, pk=pk)
    except Attachment.DoesNotExist as exc:
        raise Http404 from exc


def _subject(request: AuthenticatedRequest, key: str, object_id: int) -> Any:
    subject = selectors.subject_get_for(actor=request.user, key=key, object_id=object_id)
    if subject is None:
        raise Http404
    return subject


@login_required
def download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    attachment = _attachment(request, pk)
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.mime,
        as_attachment=not attachment.is_image,  # pictures show in the page, documents save
        filename=attachment.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"  # shared campus computers keep no copy
    return response


def _panel(request: AuthenticatedRequest, subject: Any, error: str = "") -> HttpResponse:
    """The panel itself for htmx; a plain form post goes back to the page it came from."""
    if request.method == "POST" and not request.headers.get("HX-Request") and not error:
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            return redirect(back)
    return render(
        request,
        "attachments/_panel.html",
        {"p": panel_for(request.user, subject, error)},
        status=_status(request, error),
    )


@login_required
@require_http_methods(["GET", "POST"])
def panel(request: AuthenticatedRequest, key: str, object_id: int) -> HttpResponse:
    subject = _subject(request, key, object_id)
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise DomainError("请选择要上传的文件。", field="file")
            services.attachment_upload(actor=request.user, subject=subject, upload=upload)
        except DomainError as exc:
            return _panel(request, subject, exc.message)
    return _panel(request, subject)


@login_required
@require_POST
def delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    attachment = _attachment(request, pk)  # its subject is read by the actor: it was asked
    subject = subject_of(attachment)
    try:
        services.attachment_delete(actor=request.user, attachment=attachment)
    except DomainError as exc:
        return _panel(request, subject, exc.message)
    return _panel(request, subject)
