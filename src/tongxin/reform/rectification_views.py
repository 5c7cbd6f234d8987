"""Pages of rectification (part G): the federations' rates (closed ÷ total per school, city
and their whole node), the items a person reads, one item with its notes and files, and the
posts of a note and of a reviewer's acceptance. 403 for pages a role never opens and posts
it may not make; 404 for an item out of reach; a refused post shows the item again."""

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

from . import rectification_selectors as selectors
from .heatmap_selectors import heatmap_scope_for
from .models import RectificationItem
from .rating_machine import RECTIFICATION
from .rating_views import parse_year
from .rectification_forms import AcceptForm, NoteForm
from .services import rectification as services
from .union_selectors import this_year

ITEM_STATES = [("", "全部"), ("open", "整改中"), ("closed", "已完成")]


@login_required
def rectification_rates_view(request: AuthenticatedRequest) -> HttpResponse:
    """整改情况: the rectification rate of the reader's federation node, its cities and schools."""
    if not can(request.user, "reform.open_rectification_rates"):
        raise PermissionDenied
    year = parse_year(request.GET.get("year"))
    scope = heatmap_scope_for(actor=request.user)
    rates = selectors.rates_for(actor=request.user, year=year, scope_name=scope.name)
    years = list(range(this_year(), this_year() - 4, -1))
    return render(
        request, "reform/rectification_rates.html", {"rates": rates, "year": year, "years": years}
    )


def _int(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


@login_required
def rectification_items_view(request: AuthenticatedRequest) -> HttpResponse:
    """整改事项: the items the reader reads, by year, school and state."""
    if not can(request.user, "reform.open_rectification"):
        raise PermissionDenied
    raw_year = request.GET.get("year")
    year = parse_year(raw_year) if raw_year else None
    school = _int(request.GET.get("school"))
    state = request.GET.get("state", "")
    state = state if state in dict(ITEM_STATES) else ""
    rows = selectors.items_for(actor=request.user, year=year, school=school, state=state)
    context = {
        "page": paginate(rows, page_number(request)),
        "state": state,
        "states": ITEM_STATES,
        "year": year,
    }
    return render(request, "reform/rectification_items.html", context)


def _item(request: AuthenticatedRequest, pk: int) -> RectificationItem:
    try:
        return selectors.item_get_for(actor=request.user, pk=pk)
    except RectificationItem.DoesNotExist as exc:
        raise Http404 from exc


def item_context(request: AuthenticatedRequest, item: RectificationItem) -> dict[str, Any]:
    return {
        "item": item,
        "notes": selectors.notes_of(item),
        "allowed": RECTIFICATION.allowed(request.user, item),
    }


@login_required
def rectification_item_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    return render(request, "reform/rectification_item.html", item_context(request, item))


def _refused(request: AuthenticatedRequest, item: RectificationItem, problem: str) -> HttpResponse:
    context = item_context(request, item) | {"problem": problem, "data": request.POST}
    return render(request, "reform/rectification_item.html", context)


def _back(item: RectificationItem) -> HttpResponse:
    return redirect(reverse("reform:rectification-item", args=[item.pk]))


@login_required
@require_POST
def rectification_note_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if not can(request.user, "reform.note_rectification", item):
        raise PermissionDenied
    form = NoteForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(request, item, form_errors(form))
    try:
        services.rectification_note(
            actor=request.user,
            item=item,
            expected_version=form.cleaned_data["version"],
            text=form.cleaned_data["text"],
            upload=form.cleaned_data.get("file"),
        )
    except DomainError as exc:
        return _refused(request, item, exc.message)
    messages.success(request, "整改进展已保存。")
    return _back(item)


@login_required
@require_POST
def rectification_accept_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if not can(request.user, "reform.accept_rectification", item):
        raise PermissionDenied
    form = AcceptForm(request.POST)
    if not form.is_valid():
        return _refused(request, item, form_errors(form))
    try:
        services.rectification_accept(
            actor=request.user,
            item=item,
            expected_version=form.cleaned_data["version"],
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        return _refused(request, item, exc.message)
    messages.success(request, "已认可整改材料，该事项已完成。")
    return _back(item)
