"""What the congress steps add to the shared workflow steps (tongxin.workflow.steps): the
session's timeline line with its audit event, and who is told.

    authorize ──► lock + version check ──► state check ──► change ──► save_step (version+1)
        ──► record_session_step (timeline + audit) ──► tell the other side
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from tongxin.accounts.models import User
from tongxin.core.authz import can
from tongxin.core.errors import NotAllowed
from tongxin.workflow.steps import page_of, record_step, tell

from .. import selectors
from ..models import Session, SessionEvent

# What a step reads of a session besides its own row (joined, not locked).
SESSION_RELATED = ("line", "union", "school", "supervisor")


def require_perm(actor: User, perm: str, obj: Any, message: str) -> None:
    """NotAllowed with a Chinese message naming who may take the step."""
    if not can(actor, perm, obj):
        raise NotAllowed(message)


def record_session_step(
    actor: User,
    session: Session,
    *,
    kind: str,
    now: datetime.datetime,
    text: str = "",
    data: dict[str, Any] | None = None,
) -> None:
    """A line on the session's timeline plus its audit event, in the caller's transaction."""
    record_step(
        actor=actor,
        action=f"congress.session.{kind}",
        target=session,
        line=SessionEvent(
            session=session,
            school_id=session.school_id,
            kind=kind,
            actor=actor,
            actor_label=(actor.real_name or actor.username)[:60],
            text=text,
            created_at=now,
        ),
        school=session.school,
        data={"session": session.pk, "state": session.state, **(data or {})},
    )


def describe(session: Session) -> str:
    """“计算机学院学生会第 3 次代表大会”."""
    return f"{session.union.name}第 {session.number} 次{session.get_form_display()}"


def _tell(users: Iterable[User], session: Session, title: str, skip: User | None) -> None:
    tell(
        users,
        verb="congress.session.updated",
        title=title,
        url=page_of("congress:session-detail", session),
        school=session.school,
        skip=skip,
    )


def tell_union(session: Session, title: str, *, skip: User | None = None) -> None:
    _tell(selectors.officers_of(session.union_id), session, title, skip)


def tell_supervisor(session: Session, title: str, *, skip: User | None = None) -> None:
    _tell(selectors.supervisors_of(session.supervisor_id), session, title, skip)


def now_or(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()
