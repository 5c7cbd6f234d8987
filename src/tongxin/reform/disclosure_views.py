"""Pages of the public disclosure (公示). Parse input → one selector → one service → render.

The public page and its printed notice need no login (anyone may read a school's
disclosed tables; nothing personal is on them). Commenting, the list, the moderation page
and opening a disclosure are for logged-in users: a post of someone who reads the
disclosure but may not act answers 403; a refused comment shows the page again with the
reason (200)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.comments.services import comment_submit
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.pagination import page_number, paginate
from tongxin.core.printables import notice_pdf

from . import disclosure_selectors as selectors
from .disclosure_presenters import notice_of, public_context, title_of, window_text, year_label
from .models import Disclosure, SchoolAssessment
from .services.disclosure import disclosure_open, window_of


def _public(code: str, year: int) -> Disclosure:
    disclosure = selectors.disclosure_public(code=code, year=year)
    if disclosure is None:
        raise Http404
    return disclosure


def public_url(disclosure: Disclosure) -> str:
    return reverse(
        "reform:disclosure-public",
        args=[disclosure.school.code, disclosure.assessment.academic_year],
    )


def public_view(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The disclosure for everyone, without login."""
    disclosure = _public(code, year)
    return render(
        request, "reform/disclosure_public.html", public_context(disclosure, request.user)
    )


def public_pdf_view(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The printable notice (公示) for the board, without login."""
    disclosure = _public(code, year)
    content = notice_pdf(notice_of(disclosure))
    name = f"{title_of(disclosure)}.pdf"
    return HttpResponse(
        content,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(False, name)},
    )


def _disclosure(request: AuthenticatedRequest, pk: int) -> Disclosure:
    try:
        return selectors.disclosure_get_for(actor=request.user, pk=pk)
    except Disclosure.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def list_view(request: AuthenticatedRequest) -> HttpResponse:
    """The disclosures the user reads (their school's; a federation's schools) and, for the
    advisor, the school's assessments still to disclose."""
    if not can(request.user, "reform.open_disclosures"):
        raise PermissionDenied
    page = paginate(selectors.disclosure_list_for(actor=request.user), page_number(request))
    context = {
        "page": page,
        "rows": [(d, public_url(d), window_text(d)) for d in page.items],
        "to_open": selectors.assessments_to_disclose(actor=request.user),
    }
    return render(request, "reform/disclosure_list.html", context)


@login_required
def detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The disclosure's own page for its logged-in readers: the window, the links and the
    comment panel (every comment and the buttons for the advisor)."""
    disclosure = _disclosure(request, pk)
    context = {
        "d": disclosure,
        "title": title_of(disclosure),
        "window": window_text(disclosure),
        "public_url": public_url(disclosure),
        "may_moderate": can(request.user, "reform.moderate_disclosure", disclosure),
    }
    return render(request, "reform/disclosure_detail.html", context)


@login_required
@require_POST
def comment_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A comment of the school's student or teacher, through the shared comments piece."""
    disclosure = _disclosure(request, pk)
    if not can(request.user, "reform.comment_disclosure", disclosure):
        raise PermissionDenied
    text = request.POST.get("text", "")
    try:
        comment_submit(actor=request.user, subject=disclosure, text=text)
    except DomainError as exc:
        context = public_context(disclosure, request.user, error=exc.message, text=text)
        return render(request, "reform/disclosure_public.html", context)
    messages.success(request, "评论已提交，经校团委老师审核后公开。")
    return redirect(public_url(disclosure))


def _assessment(request: AuthenticatedRequest, pk: int) -> SchoolAssessment:
    try:
        return selectors.assessment_get_for(actor=request.user, pk=pk)
    except SchoolAssessment.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@require_http_methods(["GET", "POST"])
def open_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The advisor opens the disclosure of the school's assessment (a preview of the window
    first; refused with the reason while a union's sheet is not checked)."""
    assessment = _assessment(request, pk)
    error = ""
    if request.method == "POST":
        try:
            disclosure = disclosure_open(
                actor=request.user,
                assessment=assessment,
                expected_version=_version(request.POST.get("version")),
                show_names=request.POST.get("show_names") == "on",
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, "公示已开始。")
            return redirect(public_url(disclosure))
    existing = selectors.disclosure_of(assessment)
    workdays = selectors.disclosure_workdays(assessment.academic_year)
    today = timezone.localdate()
    context = {
        "a": assessment,
        "year": year_label(assessment.academic_year),
        "workdays": workdays,
        "opens_on": today,
        "closes_on": window_of(today, workdays),
        "waiting": selectors.sheets_not_checked(assessment),
        "existing": existing,
        "existing_url": public_url(existing) if existing is not None else "",
        "error": error,
    }
    return render(request, "reform/disclosure_open.html", context)


def _version(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 10 else None
