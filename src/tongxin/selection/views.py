"""Pages of selection: parse input → one selector → one service → render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.accounts.roles import advised_school
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.pagination import page_number, paginate

from . import selectors, services
from .actions import ACTIONS, recommend_from
from .forms import ObjectionForm, RecommendForm, SettingsForm, form_errors
from .models import Candidacy, State
from .presenters import detail_context, eligibility_lines, state_label

RECOMMEND_FIELDS = {"candidate": "number", "text": "recommendation"}


def _candidacy(request: AuthenticatedRequest, pk: int) -> Candidacy:
    try:
        return selectors.candidacy_get_for(actor=request.user, pk=pk)
    except Candidacy.DoesNotExist as exc:
        raise Http404 from exc


def _require(request: AuthenticatedRequest, perm: str) -> None:
    if not can(request.user, perm):
        raise PermissionDenied


@login_required
def list_view(request: AuthenticatedRequest) -> HttpResponse:
    """The advisor's candidacies of the school, by state."""
    _require(request, "selection.open_candidacy_list")
    state = request.GET.get("state", "")
    state = state if state in State.values else ""
    qs = selectors.candidacy_list_for(actor=request.user, state=state)
    page = paginate(qs, page_number(request))
    counts = selectors.state_counts_for(actor=request.user)
    return render(
        request,
        "selection/list.html",
        {
            "page": page,
            "rows": [(c, state_label(c)) for c in page.items],
            "state": state,
            "tabs": [(v, label, counts.get(v, 0)) for v, label in State.choices],
            "total": sum(counts.values()),
            "query": f"state={state}" if state else "",
        },
    )


def _college_page(request: AuthenticatedRequest, form: RecommendForm) -> HttpResponse:
    number = (request.GET.get("number") or request.POST.get("number") or "").strip()
    found = selectors.college_student_find(actor=request.user, number=number) if number else None
    unions = selectors.target_unions_for(actor=request.user)
    page = paginate(selectors.college_candidacies_for(actor=request.user), page_number(request))
    return render(
        request,
        "selection/college.html",
        {
            "form": form,
            "number": number,
            "found": found,
            "found_eligibility": eligibility_lines(found, request.user, None) if found else [],
            "unions": unions,
            "departments": list(selectors.departments_of([u.pk for u in unions])),
            "positions": form.fields["position"].choices,  # type: ignore[attr-defined]
            "page": page,
            "rows": [(c, state_label(c)) for c in page.items],
        },
    )


@login_required
def college_view(request: AuthenticatedRequest) -> HttpResponse:
    """The college league secretary's candidacies, with a student search and the
    recommendation form."""
    _require(request, "selection.open_college_list")
    return _college_page(request, RecommendForm())


@login_required
@require_POST
def recommend_view(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "selection.open_college_list")
    form = RecommendForm(request.POST)
    if form.is_valid():
        try:
            candidacy = recommend_from(request.user, form.cleaned_data)
        except DomainError as exc:
            field = RECOMMEND_FIELDS.get(exc.field or "", exc.field)
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(request, "已推荐，候选人和校团委老师会收到通知。")
            return redirect("selection:candidacy-detail", pk=candidacy.pk)
    return _college_page(request, form)


@login_required
def detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    candidacy = _candidacy(request, pk)
    return render(request, "selection/detail.html", detail_context(candidacy, request.user))


@login_required
@require_POST
def action_view(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    candidacy = _candidacy(request, pk)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    form = spec.form(request.POST)
    if not form.is_valid():
        return _refused(request, pk, action, form_errors(form))
    try:
        spec.run(request.user, candidacy, form.cleaned_data)
    except DomainError as exc:
        return _refused(request, pk, action, exc.message)
    messages.success(request, str(spec.done))
    return redirect("selection:candidacy-detail", pk=candidacy.pk)


def _refused(request: AuthenticatedRequest, pk: int, step: str, problem: str) -> HttpResponse:
    """The candidacy page again with the refused step's text as typed and the reason on top
    (linked to the box); read afresh, as the refusal may come from a change meanwhile."""
    context = detail_context(_candidacy(request, pk), request.user)
    refused = {
        "step": step,
        "problem": problem,
        "text": request.POST.get("text", ""),
        "answer": request.POST.get("answer", ""),
        "objection": request.POST.get("objection", ""),
    }
    return render(request, "selection/detail.html", {**context, "refused": refused})


@login_required
def notice_view(request: AuthenticatedRequest) -> HttpResponse:
    """公示: every member of the school sees the candidates under notice; students object."""
    _require(request, "selection.view_notice")
    page = paginate(selectors.notice_list_for(actor=request.user), page_number(request))
    rows: list[dict[str, Any]] = [
        {"c": c, "can_object": can(request.user, "selection.object_to_candidacy", c)}
        for c in page.items
    ]
    return render(
        request,
        "selection/notice.html",
        {
            "page": page,
            "rows": rows,
            "my_objections": list(selectors.objections_by(actor=request.user)[:20]),
            "my_candidacies": list(selectors.my_candidacies(actor=request.user)[:10]),
        },
    )


@login_required
@require_POST
def object_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        candidacy = selectors.notice_candidacy_get_for(actor=request.user, pk=pk)
    except Candidacy.DoesNotExist as exc:
        raise Http404 from exc
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("selection:notice")
    try:
        services.objection_lodge(
            actor=request.user, candidacy=candidacy, text=form.cleaned_data["text"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "异议已提交，公示暂停，校团委老师核查后将书面答复您。")
    return redirect("selection:notice")


@login_required
def settings_view(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "selection.open_settings")
    school = advised_school(request.user)
    if school is None:
        raise PermissionDenied
    current = selectors.settings_for(school.pk)
    form = SettingsForm(request.POST or None, initial={"notice_workdays": current.notice_workdays})
    if request.method == "POST" and form.is_valid():
        try:
            services.selection_settings_save(
                actor=request.user,
                school=school,
                notice_workdays=form.cleaned_data["notice_workdays"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "选拔设置已保存。")
            return redirect("selection:settings")
    return render(request, "selection/settings.html", {"form": form, "school": school})
