"""The one comment panel, moderation step and moderation queue for every app's subjects:
parse input → one selector → one service → render."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.errors import DomainError
from tongxin.core.pagination import page_number, paginate

from . import selectors, services
from .models import Comment
from .presenters import panel_for, queue_rows, row_of

STEPS = {"approve": services.comment_approve, "hide": services.comment_hide}


def _status(request: AuthenticatedRequest, error: str) -> int:
    """htmx swaps only 2xx answers, so a refusal it must show comes as 200; a plain form
    post that is refused gets 400."""
    return 400 if error and not request.headers.get("HX-Request") else 200


def _back(request: AuthenticatedRequest) -> HttpResponse | None:
    """A plain form post (no htmx) goes back to the page it came from."""
    if request.headers.get("HX-Request"):
        return None
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def panel(request: AuthenticatedRequest, key: str, object_id: int) -> HttpResponse:
    subject = selectors.subject_get_for(actor=request.user, key=key, object_id=object_id)
    if subject is None:
        raise Http404
    error, text = "", ""
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            services.comment_submit(actor=request.user, subject=subject, text=text)
        except DomainError as exc:
            error = exc.message
        else:
            text = ""
            back = _back(request)
            if back is not None:
                return back
    context = {"p": panel_for(request.user, subject, error, text)}
    return render(request, "comments/_panel.html", context, status=_status(request, error))


def _version(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 10 else None


@login_required
@require_POST
def moderate(request: AuthenticatedRequest, pk: int, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    try:
        comment = selectors.comment_get_for(actor=request.user, pk=pk)
    except Comment.DoesNotExist as exc:
        raise Http404 from exc
    error = ""
    try:
        comment = STEPS[step](
            actor=request.user,
            comment=comment,
            expected_version=_version(request.POST.get("version")),
        )
    except DomainError as exc:
        error = exc.message
    back = _back(request)
    if back is not None and not error:
        return back
    context: dict[str, Any] = {"row": row_of(request.user, comment), "error": error}
    return render(request, "comments/_comment.html", context, status=_status(request, error))


@login_required
def queue(request: AuthenticatedRequest) -> HttpResponse:
    """评论审核: what waits for this moderator, across every app's subjects."""
    pending = selectors.awaiting_moderation(actor=request.user)
    page = paginate(pending, page_number(request)) if pending is not None else None
    rows = queue_rows(request.user, list(page.items)) if page is not None else []
    return render(request, "comments/queue.html", {"page": page, "rows": rows})
