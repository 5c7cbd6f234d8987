from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from .home import home_cards_for
from .todo import todo_for


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    cards = home_cards_for(request.user)
    has_identity = any(card.identity for card in cards)
    return render(request, "core/home.html", {"cards": cards, "has_identity": has_identity})


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    return render(request, "core/todo.html", {"todo": todo_for(request.user)})


def error_403(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "core/403.html", status=403)


def error_404(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "core/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors: the database may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("core/500.html").render(), status=500)
