"""What every selection step shares: the row lock with the version check, the required
state, the timeline line with its audit event, and notifications.

    load ──► lock + version check ──► state check ──► change ──► save(version+1)
         ──► timeline line + audit event ──► notify the next actor and the candidate
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import Position, User
from tongxin.audit import services as audit
from tongxin.core.errors import DomainError, StaleObject
from tongxin.notifications.services import notify

from ..models import Candidacy, CandidacyEvent, State
from ..selectors import advisors_of, secretaries_of


def locked(candidacy: Candidacy, expected_version: int | None) -> Candidacy:
    """Re-read under a row lock; refuse if someone changed it since it was shown."""
    fresh = (
        Candidacy.objects.select_for_update(of=("self",))
        .select_related("candidate", "union", "college", "school", "department")
        .get(pk=candidacy.pk)
    )
    if expected_version is not None and fresh.version != expected_version:
        raise StaleObject(_("该候选人的选拔进程已被他人更新，请刷新后重试。"))
    return fresh


def require_state(candidacy: Candidacy, allowed: Iterable[str], action: str) -> None:
    allowed = list(allowed)
    if candidacy.state not in allowed:
        names = "、".join(str(State(s).label) for s in allowed)
        raise DomainError(
            _("当前状态为“%(now)s”，只有“%(names)s”的候选人可以%(action)s。")
            % {"now": State(candidacy.state).label, "names": names, "action": action},
            field="state",
        )


def require_text(value: str, field: str, label: str, max_length: int = 2000) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(_("请填写%(label)s。") % {"label": label}, field=field)
    if len(value) > max_length:
        raise DomainError(
            _("%(label)s不能超过 %(n)d 个字。") % {"label": label, "n": max_length}, field=field
        )
    return value


def save(candidacy: Candidacy, *fields: str) -> None:
    candidacy.version += 1
    candidacy.save(update_fields=[*fields, "version", "updated_at"])


def record(
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
) -> CandidacyEvent:
    """A line on the candidacy's timeline plus its audit event, in the caller's transaction."""
    event = CandidacyEvent.objects.create(
        candidacy=candidacy,
        school_id=candidacy.school_id,
        kind=kind,
        actor=actor,
        actor_label=actor.real_name or actor.username,
        text=text,
        restricted=restricted,
        created_at=now,
    )
    audit.record(
        actor=actor,
        action=action,
        target=target if target is not None else candidacy,
        school=candidacy.school,
        data={"candidacy": candidacy.pk, "state": candidacy.state, **(data or {})},
    )
    return event


def describe(candidacy: Candidacy) -> str:
    """“甲大学学生会主席” / “甲大学学生会权益部干事”."""
    department = candidacy.department.name if candidacy.department else ""
    return f"{candidacy.union.name}{department}{Position(candidacy.position).label}"


def url_of(candidacy: Candidacy) -> str:
    return f"/selection/candidacies/{candidacy.pk}/"


def tell(
    users: Iterable[User],
    candidacy: Candidacy,
    title: str,
    body: str = "",
    *,
    skip: User | None = None,
    url: str = "",
) -> None:
    notify(
        recipients=[u for u in users if skip is None or u.pk != skip.pk],
        verb="selection.candidacy.updated",
        title=title,
        body=body,
        url=url or url_of(candidacy),
        school=candidacy.school,
    )


def tell_candidate(candidacy: Candidacy, title: str, body: str = "") -> None:
    tell([candidacy.candidate], candidacy, title, body)


def tell_advisors(candidacy: Candidacy, title: str, *, skip: User | None = None) -> None:
    tell(advisors_of(candidacy.school_id), candidacy, title, skip=skip)


def tell_secretaries(candidacy: Candidacy, title: str, *, skip: User | None = None) -> None:
    tell(secretaries_of(candidacy.college_id), candidacy, title, skip=skip)


def now_or(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()
