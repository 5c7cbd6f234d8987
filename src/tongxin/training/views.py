from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.accounts.models import User
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.forms import TxForm
from tongxin.core.pagination import page_number, paginate

from . import selectors, services
from .models import SessionKind, TrainingSession


class SessionForm(TxForm):
    host = forms.IntegerField(label="举办单位")
    kind = forms.ChoiceField(label="类别", choices=SessionKind.choices)
    title = forms.CharField(label="主题", max_length=100)
    date = forms.DateField(label="日期")
    hours = forms.DecimalField(label="学时", max_digits=4, decimal_places=1)


@login_required
def session_list_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "training.open_sessions"):
        raise PermissionDenied
    hosts = list(selectors.hosts_for(request.user))
    form = SessionForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        host = next((h for h in hosts if h.pk == d["host"]), None)
        if host is None:
            form.add_error("host", "请选择您所在的学校或学院。")
        else:
            try:
                session = services.session_create(
                    actor=request.user,
                    host=host,
                    kind=d["kind"],
                    title=d["title"],
                    date=d["date"],
                    hours=d["hours"],
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                return redirect("training:session-detail", pk=session.pk)
    page = paginate(selectors.session_list_for(actor=request.user), page_number(request))
    return render(
        request,
        "training/session_list.html",
        {"form": form, "hosts": hosts, "page": page, "kinds": SessionKind.choices},
    )


def _parse_lines(
    school_id: int, text: str
) -> tuple[list[tuple[User, object, int | None]], list[str]]:
    entries: list[tuple[User, object, int | None]] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        person = selectors.school_person(school_id, parts[0])
        if person is None:
            problems.append(f"第 {number} 行：本校没有学号/工号 {parts[0]}")
            continue
        hours = parts[1] if len(parts) > 1 else None
        score = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else None
        entries.append((person, hours, score))
    return entries, problems


@login_required
def session_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        session: TrainingSession = selectors.session_get_for(actor=request.user, pk=pk)
    except TrainingSession.DoesNotExist as exc:
        raise Http404 from exc
    typed: str = request.POST.get("attendees", "")
    problems: list[str] = []
    if request.method == "POST":
        entries, problems = _parse_lines(session.school_id, typed)
        entries = [(u, h if h is not None else session.hours, s) for u, h, s in entries]
        if not problems:
            try:
                count = services.attendance_record(
                    actor=request.user, session=session, entries=entries
                )
            except DomainError as exc:
                problems = [exc.message]
            else:
                messages.success(request, f"已登记 {count} 人。")
                return redirect("training:session-detail", pk=session.pk)
    attendances = session.attendances.select_related("user").order_by("user__number")
    # A refused list comes back as typed, its problems listed and linked to the box.
    context = {"session": session, "attendances": attendances}
    return render(
        request,
        "training/session_detail.html",
        {**context, "attendees": typed, "problems": problems},
    )
