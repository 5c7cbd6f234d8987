"""What the selection steps add to the shared workflow steps (tongxin.workflow.steps): the
candidacy's timeline line with its audit event, and who is told.

    load ──► lock + version check ──► state check ──► change ──► save_step (version+1)
         ──► record_candidacy_step ──► tell the next actor and the candidate
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from tongxin.accounts.models import Position, User
from tongxin.workflow.steps import page_of, record_step, tell

from ..models import Candidacy, CandidacyEvent
from ..selectors import advisors_of, secretaries_of

# What a step reads of a candidacy besides its own row (joined, not locked).
CANDIDACY_RELATED = ("candidate", "union", "college", "school", "department")


def record_candidacy_step(
    actor: User,
    candidacy: Candidacy,
    *,
    kind: str,
    action: str,
    now: datetime.datetime,
    text: str = "",
    restricted: bool = False,
    target: Any = None,
    data: dict[str, Any] | None = None,
) -> None:
    """A line on the candidacy's timeline plus its audit event, in the caller's transaction."""
    record_step(
        actor=actor,
        action=action,
        target=target if target is not None else candidacy,
        line=CandidacyEvent(
            candidacy=candidacy,
            school_id=candidacy.school_id,
            kind=kind,
            actor=actor,
            actor_label=actor.real_name or actor.username,
            text=text,
            restricted=restricted,
            created_at=now,
        ),
        school=candidacy.school,
        data={"candidacy": candidacy.pk, "state": candidacy.state, **(data or {})},
    )


def describe(candidacy: Candidacy) -> str:
    """“甲大学学生会主席” / “甲大学学生会权益部干事”."""
    department = candidacy.department.name if candidacy.department else ""
    return f"{candidacy.union.name}{department}{Position(candidacy.position).label}"


def tell_about_candidacy(
    users: Iterable[User],
    candidacy: Candidacy,
    title: str,
    body: str = "",
    *,
    skip: User | None = None,
    url: str = "",
) -> None:
    tell(
        users,
        verb="selection.candidacy.updated",
        title=title,
        body=body,
        url=url or page_of("selection:candidacy-detail", candidacy),
        school=candidacy.school,
        skip=skip,
    )


def tell_candidate(candidacy: Candidacy, title: str, body: str = "") -> None:
    tell_about_candidacy([candidacy.candidate], candidacy, title, body)


def tell_advisors(candidacy: Candidacy, title: str, *, skip: User | None = None) -> None:
    tell_about_candidacy(advisors_of(candidacy.school_id), candidacy, title, skip=skip)


def tell_secretaries(candidacy: Candidacy, title: str, *, skip: User | None = None) -> None:
    tell_about_candidacy(secretaries_of(candidacy.college_id), candidacy, title, skip=skip)


def now_or(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()
