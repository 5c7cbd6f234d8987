"""Pages of the catalogue (指标体系) and the scoring models: parse input → one selector →
one service → render. Readers (reform.view_catalogues) open the lists and a catalogue;
the federation admin (reform.manage_catalogues) edits, copies and publishes; everyone
else gets 403. A missing catalogue, indicator or model is 404."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.pagination import page_number, paginate

from . import catalogue_selectors as selectors
from .catalogue_forms import (
    CatalogueForm,
    CopyForm,
    IndicatorForm,
    ScoringForm,
    VersionForm,
    indicator_initial,
    scoring_initial,
)
from .models import Catalogue, Indicator, ScoringModel
from .services import catalogues as services
from .services import scorings
from .services.catalogues import FROZEN
from .services.scorings import IN_USE, stamp_of

READ, MANAGE = "reform.view_catalogues", "reform.manage_catalogues"


def _require(request: HttpRequest, perm: str) -> None:
    if not can(request.user, perm):
        raise PermissionDenied


def _catalogue(pk: int) -> Catalogue:
    try:
        return selectors.catalogue_get(pk)
    except Catalogue.DoesNotExist as exc:
        raise Http404 from exc


def _indicator(pk: int) -> Indicator:
    try:
        return selectors.indicator_get(pk)
    except Indicator.DoesNotExist as exc:
        raise Http404 from exc


def _scoring(pk: int) -> ScoringModel:
    try:
        return selectors.scoring_get(pk)
    except ScoringModel.DoesNotExist as exc:
        raise Http404 from exc


def _refuse(form: forms.Form, exc: DomainError) -> None:
    """The service's refusal on its field, or on top of the form (hidden fields, state)."""
    field = exc.field if exc.field in form.fields else None
    if field is not None and form.fields[field].widget.is_hidden:
        field = None
    form.add_error(field, exc.message)


# --- the catalogues -------------------------------------------------------------------------


@login_required
def catalogue_list_view(request: HttpRequest) -> HttpResponse:
    """改革自评指标: the academic years × the two tables, with state and counts."""
    _require(request, READ)
    page = paginate(selectors.catalogue_list(), page_number(request))
    context = {
        "page": page,
        "rows": selectors.catalogue_grid(page.items),
        "may_manage": can(request.user, MANAGE),
    }
    return render(request, "reform/catalogue_list.html", context)


def _detail(request: HttpRequest, catalogue: Catalogue, **extra: Any) -> HttpResponse:
    may_manage = can(request.user, MANAGE)
    context = {
        "catalogue": catalogue,
        "indicators": selectors.indicators_of(catalogue),
        "may_manage": may_manage,
        "may_edit": may_manage and not catalogue.is_frozen,
        "copy_form": CopyForm(initial={"year": catalogue.academic_year + 1}),
        "publish_form": VersionForm(initial={"version": catalogue.version}),
        "years": services.copy_years(),
        **extra,
    }
    return render(request, "reform/catalogue_detail.html", context)


@login_required
def catalogue_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, READ)
    return _detail(request, _catalogue(pk))


@login_required
def catalogue_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, MANAGE)
    catalogue = _catalogue(pk)
    initial = {
        "title": catalogue.title,
        "scoring": catalogue.scoring_id,
        "note": catalogue.note,
        "version": catalogue.version,
    }
    form = CatalogueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.catalogue_update(
                actor=request.user,
                catalogue=catalogue,
                expected_version=d["version"],
                title=d["title"],
                scoring=d["scoring"],
                note=d.get("note") or "",
            )
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, "指标体系已保存。")
            return redirect("reform:catalogue-detail", pk=catalogue.pk)
    context = {
        "catalogue": catalogue,
        "form": form,
        "frozen": catalogue.is_frozen,
        "frozen_notice": FROZEN,
    }
    return render(request, "reform/catalogue_edit.html", context)


@login_required
@require_POST
def catalogue_copy_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, MANAGE)
    catalogue = _catalogue(pk)
    form = CopyForm(request.POST)
    if form.is_valid():
        try:
            copy = services.catalogue_copy(
                actor=request.user, catalogue=catalogue, year=form.cleaned_data["year"]
            )
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, f"已复制为 {copy.year_label}的草稿，请修改后发布。")
            return redirect("reform:catalogue-detail", pk=copy.pk)
    return _detail(request, catalogue, copy_form=form)


@login_required
@require_POST
def catalogue_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, MANAGE)
    catalogue = _catalogue(pk)
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            services.catalogue_publish(
                actor=request.user,
                catalogue=catalogue,
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, "指标体系已发布，此后不能再修改。")
            return redirect("reform:catalogue-detail", pk=catalogue.pk)
    return _detail(request, _catalogue(pk), publish_form=form)


# --- indicators -------------------------------------------------------------------------


def _indicator_page(
    request: HttpRequest, catalogue: Catalogue, form: IndicatorForm, indicator: Indicator | None
) -> HttpResponse:
    context = {
        "catalogue": catalogue,
        "indicator": indicator,
        "form": form,
        "frozen": catalogue.is_frozen,
        "frozen_notice": FROZEN,
    }
    return render(request, "reform/catalogue_indicator_form.html", context)


@login_required
def indicator_new_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, MANAGE)
    catalogue = _catalogue(pk)
    numbers = [i.number for i in selectors.indicators_of(catalogue)]
    initial = {"version": catalogue.version, "number": max(numbers, default=0) + 1}
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.indicator_create(
                actor=request.user,
                catalogue=catalogue,
                expected_version=form.cleaned_data["version"],
                values=form.values(),
            )
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, f"已新增第 {made.number} 项指标。")
            return redirect("reform:catalogue-detail", pk=catalogue.pk)
    return _indicator_page(request, catalogue, form, None)


@login_required
def indicator_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, MANAGE)
    indicator = _indicator(pk)
    catalogue = indicator.catalogue
    initial = {**indicator_initial(indicator), "version": catalogue.version}
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(
                actor=request.user,
                indicator=indicator,
                expected_version=form.cleaned_data["version"],
                values=form.values(),
            )
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, f"第 {form.cleaned_data['number']} 项指标已保存。")
            return redirect("reform:catalogue-detail", pk=catalogue.pk)
    return _indicator_page(request, catalogue, form, indicator)


@login_required
def indicator_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation (and says how many results go with it); POST deletes."""
    _require(request, MANAGE)
    indicator = _indicator(pk)
    catalogue = indicator.catalogue
    form = VersionForm(request.POST or None, initial={"version": catalogue.version})
    if request.method == "POST" and form.is_valid():
        try:
            removed = services.indicator_delete(
                actor=request.user,
                indicator=indicator,
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            _refuse(form, exc)
        else:
            note = f"，同时删除了 {removed} 条自评结果" if removed else ""
            messages.success(request, f"已删除第 {indicator.number} 项指标{note}。")
            return redirect("reform:catalogue-detail", pk=catalogue.pk)
    context = {
        "catalogue": catalogue,
        "indicator": indicator,
        "form": form,
        "frozen": catalogue.is_frozen,
        "frozen_notice": FROZEN,
        "counts": selectors.indicator_result_counts(indicator),
    }
    return render(request, "reform/catalogue_indicator_delete.html", context)


# --- scoring models -----------------------------------------------------------------------


@login_required
def scoring_list_view(request: HttpRequest) -> HttpResponse:
    _require(request, READ)
    page = paginate(selectors.scoring_list(), page_number(request))
    context = {"page": page, "may_manage": can(request.user, MANAGE)}
    return render(request, "reform/scoring_list.html", context)


def _scoring_base(request: HttpRequest) -> ScoringModel | None:
    """?from=<id>: a new model starts as a copy of that one (a frozen model's successor)."""
    raw = request.GET.get("from", "")
    if not (raw.isascii() and raw.isdigit()):
        return None
    try:
        return selectors.scoring_get(int(raw))
    except ScoringModel.DoesNotExist:
        return None


@login_required
def scoring_new_view(request: HttpRequest) -> HttpResponse:
    _require(request, MANAGE)
    base = _scoring_base(request)
    initial = scoring_initial(base)
    if base is not None:
        initial["name"] = f"{base.name}（副本）"[:60]
    form = ScoringForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            made = scorings.scoring_create(actor=request.user, values=form.values())
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, f"已新建评分模型“{made.name}”。")
            return redirect("reform:scoring-list")
    context = {"form": form, "scoring": None, "base": base, "frozen": False}
    return render(request, "reform/scoring_form.html", context)


@login_required
def scoring_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, MANAGE)
    scoring = _scoring(pk)
    initial = {**scoring_initial(scoring), "stamp": stamp_of(scoring)}
    form = ScoringForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            scorings.scoring_update(
                actor=request.user,
                scoring=scoring,
                expected_stamp=form.cleaned_data.get("stamp") or "",
                values=form.values(),
            )
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, "评分模型已保存。")
            return redirect("reform:scoring-list")
    frozen = bool(getattr(scoring, "in_published_use", False))
    context = {"form": form, "scoring": scoring, "frozen": frozen, "in_use": IN_USE}
    return render(request, "reform/scoring_form.html", context)
