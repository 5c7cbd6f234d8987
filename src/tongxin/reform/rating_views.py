"""Pages of the rating and the feedback letter (part G): the federations' list of schools to
rate, one assessment's rating page (the city's proposal, the province's confirmation, the
letter, the rectification items), and the letter as PDF. Parse input → one selector → one
service → render. 403 for a page a role never opens or a post it may not make; 404 for an
assessment out of reach (missing alike); a refused post shows the page again with why."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.forms import form_errors
from tongxin.core.pagination import page_number, paginate

from . import rating_selectors as selectors
from .letter_print import feedback_letter_pdf
from .models import SchoolAssessment
from .rating_forms import ConfirmForm, LetterForm, ProposeForm
from .services import letter as letters
from .services import rating as services
from .union_selectors import this_year

RATING_STATES = [
    ("", "全部"),
    ("unrated", "待提出"),
    ("proposed", "待确认"),
    ("confirmed", "已确认"),
]


def parse_year(raw: str | None) -> int:
    """The academic year asked for; this one when missing or unlikely."""
    now = this_year()
    raw = (raw or "").strip()
    if raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= now + 1:
        return int(raw)
    return now


@login_required
def rating_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """改革自评评定: the schools below the reader that the city has reviewed, their rating."""
    if not can(request.user, "reform.open_ratings"):
        raise PermissionDenied
    year = parse_year(request.GET.get("year"))
    state = request.GET.get("state", "")
    state = state if state in dict(RATING_STATES) else ""
    rows = selectors.ratings_for(actor=request.user, year=year, state=state)
    page = paginate(rows, page_number(request))
    for a in page.items:
        rating = getattr(a, "rating", None)
        a.rating_row = rating
        a.grade_label = (
            rating.scale.label_of(rating.grade or rating.proposed_grade) if rating else ""
        )
    context = {
        "page": page,
        "year": year,
        "years": list(range(this_year(), this_year() - 4, -1)),
        "state": state,
        "states": RATING_STATES,
        "query": urlencode({"year": str(year), "state": state}),
    }
    return render(request, "reform/rating_list.html", context)


def _assessment(request: AuthenticatedRequest, pk: int) -> SchoolAssessment:
    try:
        return selectors.assessment_get_for(actor=request.user, pk=pk)
    except SchoolAssessment.DoesNotExist as exc:
        raise Http404 from exc


def rating_context(request: AuthenticatedRequest, assessment: SchoolAssessment) -> dict[str, Any]:
    rating = selectors.rating_of(assessment)
    user = request.user
    subject = rating or assessment
    return {
        "assessment": assessment,
        "rating": rating,
        "rating_label": rating.scale.label_of(rating.grade or rating.proposed_grade)
        if rating
        else "",
        "proposed_label": rating.scale.label_of(rating.proposed_grade) if rating else "",
        "scales": selectors.scales(),
        "letter": selectors.letter_get(assessment),
        "items": selectors.items_of(assessment),
        "may_propose": can(user, "reform.propose_rating", subject)
        and assessment.state in selectors.RATEABLE
        and (rating is None or rating.state == "proposed"),
        "may_confirm": can(user, "reform.confirm_rating", subject)
        and assessment.state == "confirmed"
        and rating is not None
        and rating.state == "proposed",
        "may_issue": can(user, "reform.issue_letter", assessment),
    }


@login_required
def rating_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    return render(request, "reform/rating.html", rating_context(request, assessment))


def _refused(request: AuthenticatedRequest, assessment: SchoolAssessment, problem: str) -> Any:
    context = rating_context(request, assessment) | {"problem": problem, "data": request.POST}
    return render(request, "reform/rating.html", context)


def _back(assessment: SchoolAssessment) -> HttpResponse:
    return redirect(reverse("reform:rating", args=[assessment.pk]))


def _may(request: AuthenticatedRequest, perm: str, assessment: SchoolAssessment) -> None:
    if not can(request.user, perm, assessment):
        raise PermissionDenied


@login_required
@require_POST
def rating_propose_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    _may(request, "reform.propose_rating", assessment)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        return _refused(request, assessment, form_errors(form))
    scale = selectors.scale_get(form.cleaned_data["scale"])
    if scale is None:
        return _refused(request, assessment, "评定等级：请选择一种评定等级。")
    try:
        services.rating_propose(
            actor=request.user,
            assessment=assessment,
            scale=scale,
            grade=form.cleaned_data["grade"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )
    except DomainError as exc:
        return _refused(request, assessment, exc.message)
    messages.success(request, "评定建议已提交，等待省学联确认。")
    return _back(assessment)


@login_required
@require_POST
def rating_confirm_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    _may(request, "reform.confirm_rating", assessment)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return _refused(request, assessment, form_errors(form))
    try:
        services.rating_confirm(
            actor=request.user,
            assessment=assessment,
            grade=form.cleaned_data["grade"],
            note=form.cleaned_data["note"],
            due_on=form.cleaned_data["due_on"],
            expected_version=form.cleaned_data["version"],
        )
    except DomainError as exc:
        return _refused(request, assessment, exc.message)
    messages.success(request, "评定已确认；未达标的★指标已列为整改事项。")
    return _back(assessment)


@login_required
@require_POST
def letter_issue_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    _may(request, "reform.issue_letter", assessment)
    form = LetterForm(request.POST)
    if not form.is_valid():
        return _refused(request, assessment, form_errors(form))
    try:
        letters.letter_issue(
            actor=request.user,
            assessment=assessment,
            title=form.cleaned_data["title"],
            extra=form.cleaned_data["extra"],
        )
    except DomainError as exc:
        return _refused(request, assessment, exc.message)
    messages.success(request, "反馈函已发出。")
    return _back(assessment)


@login_required
def letter_pdf_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    letter = selectors.letter_get(assessment)
    if letter is None:
        raise Http404
    return HttpResponse(
        feedback_letter_pdf(letter, assessment.school.name),
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(False, f"{letter.title}.pdf")},
    )
