"""Pages about people: login, password, activation, people list and detail, API tokens."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.middleware import client_ip_of
from tongxin.core.pagination import page_number, paginate

from . import selectors, services, throttle
from .forms import ActivationForm, LoginForm, PasswordChangeForm, PasswordResetForm, TokenForm
from .models import ApiToken, User


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


def _wait_message(wait: throttle.Wait) -> str:
    if wait.kind == throttle.ADDRESS:
        return _("您所在的网络地址登录失败次数过多，已暂停登录，请 %(minutes)d 分钟后再试。") % {
            "minutes": -(-wait.seconds // 60)
        }
    return _("该账号登录失败次数较多，请等待 %(seconds)d 秒后再试。") % {"seconds": wait.seconds}


def _attempt(request: HttpRequest, form: LoginForm) -> User | None:
    """One login attempt through the throttle; errors go onto the form."""
    name, address = form.login_name(), client_ip_of(request)
    wait = throttle.reserve(login_name=name, address=address)  # committed before the hash
    if wait.seconds:
        if wait.kind == throttle.NAME:
            throttle.register_refused(address=address)
        form.add_error(None, _wait_message(wait))
        return None
    user = authenticate(request, username=name, password=form.cleaned_data["password"])
    if user is not None:
        throttle.register_success(login_name=name, address=address)
        return user
    throttle.register_failure(address=address)
    if wait.starts_delays:
        services.login_throttle_record(login_name=name)
    form.add_error(None, _("学校代码、学号/工号（或用户名）或密码不正确。"))
    return None


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = _attempt(request, form)
        if user is not None:
            login(request, user)
            return redirect(_safe_next(request))
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
    """The token is checked before anything is shown: a wrong link reveals no name."""
    user = selectors.user_for_activation(uidb64)
    if not services.activation_link_valid(user, token):
        raise Http404
    assert user is not None
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


def password_reset_view(request: HttpRequest, raw: str) -> HttpResponse:
    reset = services.password_reset_for(raw)
    if reset is None:
        raise Http404
    form = ActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_complete(
                raw=raw, new_password=form.cleaned_data["new_password"]
            )
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("新密码已设置，请用新密码登录。"))
            return redirect("accounts:login")
    return render(
        request, "accounts/activate.html", {"form": form, "person": reset.user, "reset": True}
    )


@login_required
def security_view(request: AuthenticatedRequest) -> HttpResponse:
    """账号安全: every reset of one's password with who did it and why; one's API tokens."""
    return render(
        request,
        "accounts/security.html",
        {
            "resets": selectors.password_resets_of(request.user)[:50],
            "tokens": selectors.tokens_of(request.user).filter(revoked_at__isnull=True)[:20],
            "now": timezone.now(),
        },
    )


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


def _person_or_404(actor: User, pk: int) -> User:
    try:
        return selectors.user_get_for(actor=actor, pk=pk)
    except User.DoesNotExist as exc:
        raise Http404 from exc


def _detail(
    request: AuthenticatedRequest, person: User, reset_form: PasswordResetForm | None = None
) -> HttpResponse:
    context: dict[str, Any] = {
        "person": person,
        "memberships": selectors.memberships_of(person),
        "show_sensitive": can(request.user, "accounts.view_sensitive_user", person),
        "can_activate": can(request.user, "accounts.activate_user", person)
        and not person.has_usable_password(),
        "can_reset": can(request.user, "accounts.reset_user_password", person)
        and person.has_usable_password(),
        "reset_form": reset_form or PasswordResetForm(),
    }
    return render(request, "accounts/user_detail.html", context)


@login_required
def user_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _detail(request, _person_or_404(request.user, pk))


@login_required
@require_POST
def user_activation_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request.user, pk)
    try:
        link = services.activation_issue(actor=request.user, user=person)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("激活链接（请转交本人，仅一次有效）：%(link)s")
            % {"link": request.build_absolute_uri(link)},
        )
    return redirect("accounts:user-detail", pk=person.pk)


@login_required
@require_POST
def user_password_reset_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request.user, pk)
    if not can(request.user, "accounts.reset_user_password", person):
        raise PermissionDenied
    form = PasswordResetForm(request.POST)
    if form.is_valid():
        try:
            link = services.password_reset_issue(
                actor=request.user, user=person, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(
                request,
                _("重置链接（请当面转交本人，仅一次有效，%(hours)d 小时内有效）：%(link)s")
                % {
                    "hours": settings.PASSWORD_RESET_LINK_HOURS,
                    "link": request.build_absolute_uri(link),
                },
            )
            return redirect("accounts:user-detail", pk=person.pk)
    return _detail(request, person, form)


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
        {
            "form": form,
            "tokens": selectors.tokens_of(request.user),
            "new_token": new_token,
            "lifetime": settings.API_TOKEN_LIFETIME_DAYS,
            "now": timezone.now(),
        },
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
