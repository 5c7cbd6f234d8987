"""Configuration: a school's rights settings (advisor) and the categories (federation admin)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.accounts.roles import advised_school
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node

from . import selectors, services
from .forms import SettingsForm, TxForm


def _school_or_403(request: AuthenticatedRequest) -> Node:
    school = advised_school(request.user)
    if school is None:
        raise PermissionDenied
    return school


@login_required
def settings_view(request: AuthenticatedRequest) -> HttpResponse:
    school = _school_or_403(request)
    current = selectors.settings_of(school.pk)
    form = SettingsForm(request.POST or None, instance=current)
    routed = set(selectors.routed_category_ids(school.pk))
    if request.method == "POST" and form.is_valid():
        chosen = [c for c in selectors.categories() if str(c.pk) in request.POST.getlist("routes")]
        try:
            services.rights_settings_save(
                actor=request.user, school=school, values=form.cleaned_data
            )
            services.category_routes_save(actor=request.user, school=school, categories=chosen)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "权益服务设置已保存。")
            return redirect("rights:settings")
    return render(
        request,
        "rights/settings.html",
        {
            "form": form,
            "school": school,
            "categories": selectors.categories(),
            "routed": routed,
        },
    )


class CategoryForm(TxForm):
    name = forms.CharField(label="名称", max_length=30)
    is_urgent = forms.BooleanField(label="紧急类别（答复时限 2 个工作日）", required=False)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)


@login_required
def categories_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "rights.manage_categories"):
        raise PermissionDenied
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        existing = selectors.category_by_pk(request.POST.get("pk"))
        try:
            services.category_save(
                actor=request.user,
                category=existing,
                name=form.cleaned_data["name"],
                is_urgent=form.cleaned_data["is_urgent"],
                is_active=form.cleaned_data["is_active"],
            )
        except DomainError as exc:
            form.add_error("name", exc.message)
        else:
            messages.success(request, "类别已保存。")
            return redirect("rights:categories")
    return render(
        request, "rights/categories.html", {"form": form, "rows": selectors.all_categories()}
    )
