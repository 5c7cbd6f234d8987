"""Keeps the current request's client IP where services (and so the audit trail) can read it."""

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)


def current_client_ip() -> str | None:
    return _client_ip.get()


def client_ip_of(request: HttpRequest) -> str | None:
    # Behind a reverse proxy set TRUST_X_FORWARDED_FOR; otherwise the header is
    # attacker-controlled and ignored. Even then only the last entry is the proxy's own: a
    # proxy appends the address it saw to whatever the client sent, so the first entries
    # are the client's to choose (and would let anyone block another's address at login).
    from django.conf import settings

    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _client_ip.set(client_ip_of(request))
        try:
            return self.get_response(request)
        finally:
            _client_ip.reset(token)


class ContentSecurityPolicyMiddleware:
    """Sends settings.CONTENT_SECURITY_POLICY (a dict of directive → sources) on every
    response that does not set its own. The pages need no inline script or style (charts
    read their data from a json_script block, htmx's indicator style is in site.css), so
    one fixed policy fits all and no nonce is needed. Django 6.0 brings the same as
    SECURE_CSP; this class goes when the project can move to it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from django.conf import settings

        self.get_response = get_response
        policy: dict[str, list[str]] = getattr(settings, "CONTENT_SECURITY_POLICY", {})
        self.header = "; ".join(
            f"{directive} {' '.join(sources)}".strip() for directive, sources in policy.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.header
        return response
