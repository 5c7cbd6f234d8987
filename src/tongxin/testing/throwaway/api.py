from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

router = Router(tags=["throwaway"])


class PingOut(Schema):
    pong: bool


@router.get("/ping", response=PingOut)
def ping(request: HttpRequest) -> Any:
    return PingOut(pong=True)
