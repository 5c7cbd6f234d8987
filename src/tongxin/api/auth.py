"""API authentication: the browser's session (with CSRF) or a bearer token for other clients."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from tongxin.accounts.services import token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(token)
        if user is not None:
            request.user = user
        return user


# Token first: a token client sends no CSRF cookie, and the session check would refuse it
# before the token was even looked at.
API_AUTH = [TokenAuth(), SessionAuth(csrf=True)]
