"""Pages about people: login, password, activation, people list and detail, API tokens."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.http import AuthenticatedRequest
from tongxin.core.pagination import page_number, paginate

from . import lockout, selectors, services
from .forms import ActivationForm, LoginForm, PasswordChangeForm, TokenForm
from .models import ApiToken, User


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = form.login_name()
        if lockout.is_locked(name):
            form.add_error(None, _("登录失败次数过多，该账号已暂时锁定，请 15 分钟后再试。"))
        else:
            user = authenticate(request, username=name, password=form.cleaned_data["password"])
            if user is not None:
                lockout.clear(name)
                login(request, user)
                return redirect(_safe_next(request))
            if lockout.register_failure(name):
                services.login_lockout_record(login_name=name)
            form.add_error(None, _("学校代码、学号/工号（或用户名）或密码不正确。"))
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request)})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


@login_required
def password_change_view(request: AuthenticatedRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(
                actor=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("密码已修改。"))
            return redirect("core:home")
    return render(request, "accounts/password_change.html", {"form": form})


def activate_view(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = selectors.user_for_activation(uidb64)
    if user is None:
        raise Http404
    form = ActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.activation_complete(
                user=user, token=token, new_password=form.cleaned_data["new_password"]
            )
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("账号已激活，请用新密码登录。"))
            return redirect("accounts:login")
    return render(request, "accounts/activate.html", {"form": form, "person": user})


@login_required
def user_list_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "accounts.view_people_list"):
        raise PermissionDenied
    term = request.GET.get("q", "")
    people = (
        selectors.user_list_for(actor=request.user)
        .filter(selectors.search_q(term))
        .order_by("number")
    )
    page = paginate(people, page_number(request))
    return render(
        request,
        "accounts/user_list.html",
        {"page": page, "q": term, "query": f"q={term}" if term else ""},
    )


@login_required
def user_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        person = selectors.user_get_for(actor=request.user, pk=pk)
    except User.DoesNotExist as exc:
        raise Http404 from exc
    context: dict[str, Any] = {
        "person": person,
        "memberships": selectors.memberships_of(person),
        "show_sensitive": can(request.user, "accounts.view_sensitive_user", person),
        "can_activate": can(request.user, "accounts.activate_user", person)
        and person.pk != request.user.pk,
    }
    return render(request, "accounts/user_detail.html", context)


@login_required
@require_POST
def user_activation_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        person = selectors.user_get_for(actor=request.user, pk=pk)
    except User.DoesNotExist as exc:
        raise Http404 from exc
    link = services.activation_issue(actor=request.user, user=person)
    messages.success(
        request,
        _("激活链接（请转交本人，仅一次有效）：%(link)s")
        % {"link": request.build_absolute_uri(link)},
    )
    return redirect("accounts:user-detail", pk=person.pk)


@login_required
def token_list_view(request: AuthenticatedRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = services.token_create(
                actor=request.user, name=form.cleaned_data["name"]
            )
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            form = TokenForm()
    return render(
        request,
        "accounts/token_list.html",
        {"form": form, "tokens": selectors.tokens_of(request.user), "new_token": new_token},
    )


@login_required
@require_POST
def token_revoke_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        token = selectors.tokens_of(request.user).get(pk=pk)
    except ApiToken.DoesNotExist as exc:
        raise Http404 from exc
    try:
        services.token_revoke(actor=request.user, token=token)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("令牌已吊销。"))
    return redirect("accounts:token-list")
