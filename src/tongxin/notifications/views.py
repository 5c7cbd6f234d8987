from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from tongxin.core.pagination import page_number, paginate

from . import selectors, services
from .models import Notification


@login_required
def notification_list_view(request: HttpRequest) -> HttpResponse:
    page = paginate(selectors.notification_list_for(actor=request.user), page_number(request))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        notification = selectors.notification_get_for(actor=request.user, pk=pk)
    except Notification.DoesNotExist as exc:
        raise Http404 from exc
    services.notification_open(actor=request.user, notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(notification.url, {request.get_host()}):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all_view(request: HttpRequest) -> HttpResponse:
    services.notification_mark_all_read(actor=request.user)
    return redirect("notifications:list")
