"""Django's AuthenticationMiddleware, with the user the session's statement already
brought handed to the backend (accounts/sessions.py): a logged-in request reads its
session, user and grants in one statement, and every check of auth.get_user still runs."""

from typing import Any

from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthentication
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .sessions import preloaded_user


def get_user(request: HttpRequest) -> Any:
    if not hasattr(request, "_cached_user"):
        with preloaded_user(request.session):
            request._cached_user = auth.get_user(request)  # type: ignore[attr-defined]
    return request._cached_user  # type: ignore[attr-defined]


class AuthenticationMiddleware(DjangoAuthentication):
    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))  # type: ignore[assignment]
