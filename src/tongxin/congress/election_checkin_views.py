"""Pages of check-in and quorum (签到与法定人数).

elections/rounds/<pk>/hall/              the hall's screen: the code (changing every 30 s), its
                                         QR code, 应到 / 实到 and the quorum (conductors, tellers)
elections/rounds/<pk>/hall/status/       htmx: the screen's part refreshed every 5 s
elections/rounds/<pk>/checkin/           a delegate's check-in (phone; ?code= from the QR)
elections/rounds/<pk>/attendance/        the tellers' list: search, tick a delegate present
elections/mine/                          我的选举: a delegate's live rounds (check in, vote)
"""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.accounts.models import User
from tongxin.core.authz import can
from tongxin.core.errors import DomainError

from . import election_checkin_selectors as selectors
from .election_checkin import checkin_code, qr_svg, seconds_left
from .election_models import Round, RoundState
from .services import election_checkin as services


def _round(request: AuthenticatedRequest, pk: int, perm: str) -> Round:
    round_ = selectors.round_by_pk(pk)
    if round_ is None or not can(request.user, perm, round_):
        raise Http404
    return round_


def _hall_context(request: AuthenticatedRequest, round_: Round) -> dict:
    now = timezone.now()
    context: dict = {"round": round_, "status": selectors.hall_status(round_)}
    if round_.state == RoundState.CHECKIN:
        code = checkin_code(round_, now)
        url = request.build_absolute_uri(
            reverse("congress:round-checkin", args=[round_.pk]) + f"?code={code}"
        )
        context.update(code=code, qr=qr_svg(url), seconds_left=seconds_left(now))
    return context


@login_required
def hall_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk, "congress.show_hall_code")
    return render(request, "congress/elections/checkin/hall.html", _hall_context(request, round_))


@login_required
def hall_status_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk, "congress.show_hall_code")
    return render(
        request, "congress/elections/checkin/_hall_status.html", _hall_context(request, round_)
    )


@login_required
def checkin_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk, "congress.check_in")
    code = str(request.POST.get("code") or request.GET.get("code") or "")[:20]
    error = ""
    if request.method == "POST":
        try:
            new = services.round_check_in(actor=request.user, round_=round_, code=code)
        except DomainError as exc:
            error = exc.message
        else:
            if new:
                messages.success(request, "签到成功。投票开始后请在“我的选举”中投票。")
            else:
                messages.info(request, services.ALREADY)
            return redirect("congress:my-elections")
    present = selectors.is_present(round_, request.user.pk)
    return render(
        request,
        "congress/elections/checkin/checkin.html",
        {
            "round": round_,
            "code": code,
            "error": error,
            "present": present,
            "open": round_.state == RoundState.CHECKIN,
        },
    )


@login_required
def attendance_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk, "congress.tick_attendance")
    query = str(request.GET.get("q") or "")[:40]
    lines = selectors.attendance_list(round_, query)
    return render(
        request,
        "congress/elections/checkin/attendance.html",
        {
            "round": round_,
            "lines": lines,
            "q": query,
            "status": selectors.hall_status(round_),
            "can_tick": round_.state == RoundState.CHECKIN,
        },
    )


def _posted_user(request: AuthenticatedRequest) -> User | None:
    raw = str(request.POST.get("user") or "")
    return selectors.user_by_pk(int(raw)) if raw.isdigit() and len(raw) < 12 else None


def _back_to_list(request: AuthenticatedRequest, round_: Round) -> HttpResponse:
    back = reverse("congress:round-attendance", args=[round_.pk])
    query = str(request.POST.get("q") or "")[:40]
    return redirect(f"{back}?{urlencode({'q': query})}" if query else back)


def _change_attendance(
    request: AuthenticatedRequest, pk: int, service: Any, done: str, unchanged: str
) -> HttpResponse:
    """A teller's tick or strike-off: the service's answer (changed or not) as a message
    (`done` / `unchanged`, with {name}), then back to the list as it was searched."""
    round_ = _round(request, pk, "congress.tick_attendance")
    user = _posted_user(request)
    try:
        changed = service(actor=request.user, round_=round_, user=user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        name = user.real_name if user else ""
        if changed:
            messages.success(request, done.format(name=name))
        else:
            messages.info(request, unchanged.format(name=name))
    return _back_to_list(request, round_)


@login_required
@require_POST
def tick_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _change_attendance(
        request, pk, services.round_tick, "已为{name}签到。", "{name}已签到，无需重复签到。"
    )


@login_required
@require_POST
def untick_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _change_attendance(
        request, pk, services.round_untick, "已撤销{name}的签到。", "{name}尚未签到。"
    )


@login_required
def my_elections_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "congress.open_my_elections"):
        raise PermissionDenied
    rounds = list(selectors.my_rounds(request.user)[:50])
    return render(
        request,
        "congress/elections/checkin/mine.html",
        {"rounds": rounds, "published": list(selectors.my_published(request.user)[:20])},
    )
