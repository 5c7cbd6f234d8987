"""The JSON API under /api/v1/ (django-ninja). Thin: selectors read, services write.

Each app adds its router in its registers.py (API); this module only mounts them, in order.
"""

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI

from tongxin.core.errors import DomainError, NotAllowed
from tongxin.core.registration import by_order

from .auth import API_AUTH

api = NinjaAPI(title="同心 Tongxin API", version="1", urls_namespace="api", auth=API_AUTH)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> Any:
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


@api.exception_handler(NotAllowed)
def not_allowed(request: HttpRequest, exc: NotAllowed) -> Any:
    return api.create_response(request, {"detail": "无权执行该操作。"}, status=403)


for entry in by_order("API"):
    api.add_router(entry.prefix, entry.router)
