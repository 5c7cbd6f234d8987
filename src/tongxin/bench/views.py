"""Ceiling views: the least a request can cost on this server, settings and middleware.

GET answers a few bytes without touching the database beyond what the middleware does
(the session, when the client sends a cookie). POST is CSRF-protected and needs a login,
so it pays for the session and the CSRF check exactly as a real form post does. The
"anyone" POST is the same without the login: anonymous, it is the floor a logged-in POST
is compared with (docs/performance.md, "Where a logged-in request's time goes")."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_POST


@require_GET
def ceiling_get_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_POST
def ceiling_post_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"ok {len(request.POST)}", content_type="text/plain")


@require_POST
def ceiling_post_anyone_view(request: HttpRequest) -> HttpResponse:
    # Asks who is there, as every real page does (its navigation), and answers 200 either way.
    who = "user" if request.user.is_authenticated else "anonymous"
    return HttpResponse(f"ok {who} {len(request.POST)}", content_type="text/plain")
