"""/api/v1/me: who the caller is and which roles they hold where."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from .models import Role
from .reach import grants_of
from .schemas import GrantOut, MeOut

router = Router(tags=["accounts"])


# operation_id: the id the endpoint had before it moved here from api/api.py (clients keep it)
@router.get("/me", response=MeOut, operation_id="tongxin_api_api_me")
def me(request: HttpRequest) -> Any:
    user: Any = request.user
    return MeOut(
        id=user.pk,
        username=user.username,
        real_name=user.real_name,
        school_id=user.school_id,
        school_name=user.school.name if user.school else None,
        number=user.number,
        grants=[
            GrantOut(
                role=g.role,
                role_label=str(Role(g.role).label),
                position=g.position,
                node_id=g.node_id,
                node_kind=g.node_kind,
            )
            for g in grants_of(user)
        ],
    )
