from typing import Annotated

from django.http import HttpRequest
from pydantic import Field

from tongxin.accounts.models import User

from .pagination import MAX_ID, MAX_PAGE


class AuthenticatedRequest(HttpRequest):
    """The request type of views behind login_required (for the type checker)."""

    user: User


# API parameters (django-ninja): integers a 64-bit column can hold, so a typed number
# beyond it is a 422 naming the parameter, never a database error. The OpenAPI document
# states the bounds, so clients and the API fuzz test see them.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE)]
