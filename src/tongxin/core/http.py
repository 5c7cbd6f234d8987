from typing import Annotated

from ninja import Schema
from pydantic import Field

from .pagination import MAX_ID, MAX_PAGE

# API parameters (django-ninja): integers a 64-bit column can hold, so a typed number
# beyond it is a 422 naming the parameter, never a database error. The OpenAPI document
# states the bounds, so clients and the API fuzz test see them.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE)]

NOT_FOUND = "不存在或不在您的查看范围内。"  # the API's 404: missing and out of sight alike


class ErrorOut(Schema):
    detail: str


class PageQuery(Schema):
    page: PageNumber = 1
