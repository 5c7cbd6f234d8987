"""What every rights transition shares: locking with the version check, the timeline, the
audit event (sealed for an anonymous reporter) and notifications after commit."""

import secrets
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Membership, Role, User
from tongxin.accounts.reach import Grant, grants_of
from tongxin.audit import services as audit
from tongxin.core.errors import DomainError, StaleObject
from tongxin.notifications.services import notify

from ..models import Issue, IssueEvent, Status
from ..rules import reporter_id


def locked(issue: Issue, expected_version: int | None) -> Issue:
    """Re-read the issue under a row lock; refuse if someone changed it since it was shown."""
    fresh = Issue.objects.select_for_update().get(pk=issue.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleObject(_("该诉求已被他人修改，请刷新后重试。"))
    return fresh


def require_status(issue: Issue, allowed: Iterable[str], action: str) -> None:
    allowed = list(allowed)
    if issue.status not in allowed:
        names = "、".join(str(Status(s).label) for s in allowed)
        raise DomainError(
            _("当前状态为“%(now)s”，只有%(names)s的诉求可以%(action)s。")
            % {"now": Status(issue.status).label, "names": names, "action": action}
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


def new_pseudonym() -> str:
    return f"匿名同学#{secrets.token_hex(2).upper()}"


def actor_label(actor: User, issue: Issue) -> str:
    """How the actor appears on the issue's timeline: an anonymous reporter by pseudonym."""
    if issue.is_anonymous and actor.pk == reporter_id(issue):
        return issue.pseudonym
    return actor.real_name


def save(issue: Issue, *fields: str) -> None:
    issue.version += 1
    issue.save(update_fields=[*fields, "version", "updated_at"])


# Transitions the reporter makes as a student; every other one is made in an office.
REPORTER_KINDS = {"submitted", "withdrawn", "rated", "reopened", "supported"}
_FEDERATION = {Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN, Role.COUNTY_SPECIALIST}


def _offices(issue: Issue) -> set[int]:
    co = set(issue.co_offices.values_list("pk", flat=True)) if issue.pk else set()
    return co | ({issue.lead_office_id} if issue.lead_office_id else set())


def acting_grant(actor: User, issue: Issue, kind: str) -> Grant | None:
    """The membership `actor` acted under on `issue` — the one the audit event names: the
    union officer at the issue's union (not her own class), the handler at a referred
    office, the advisor at the school, federation staff above it; a reporter as student."""
    grants = grants_of(actor)
    if kind in REPORTER_KINDS:
        return next((g for g in grants if g.role == Role.STUDENT), None)
    checks = [
        lambda g: g.role == Role.OFFICER and g.node_id == issue.union_id,
        lambda g: g.role == Role.OFFICE_HANDLER and g.node_id in _offices(issue),
        lambda g: g.role == Role.ADVISOR and g.node_id == issue.school_id,
        lambda g: g.role in _FEDERATION and issue.school.path.startswith(g.path),
        lambda g: g.role == Role.COLLEGE_SECRETARY and issue.union.path.startswith(g.path),
    ]
    for check in checks:
        found = next((g for g in grants if check(g)), None)
        if found is not None:
            return found
    return None


def record(
    actor: User,
    issue: Issue,
    *,
    kind: str,
    text: str = "",
    internal: bool = False,
    data: dict[str, Any] | None = None,
) -> None:
    """Timeline entry plus audit event; the reporter of an anonymous issue stays sealed."""
    label = actor_label(actor, issue)
    sealed = label if issue.is_anonymous and label == issue.pseudonym else None
    IssueEvent.objects.create(
        issue=issue,
        school_id=issue.school_id,
        kind=kind,
        actor=None if sealed else actor,
        actor_label=label,
        text=text,
        internal=internal,
    )
    grant = acting_grant(actor, issue, kind)
    audit.record(
        actor=actor,
        action=f"rights.issue.{kind}",
        target=issue,
        data=data or {},
        role=grant.role if grant is not None else "",
        node=grant.node_id if grant is not None else None,
        sealed_label=sealed,
    )


def union_officers(issue: Issue, *, presidium_only: bool = False) -> list[User]:
    members = Membership.objects.active().filter(node_id=issue.union_id, role=Role.OFFICER)
    if presidium_only:
        members = members.filter(position__in=PRESIDIUM_POSITIONS)
    return [m.user for m in members.select_related("user")]


def office_handlers(office_ids: Iterable[int]) -> list[User]:
    members = Membership.objects.active().filter(
        node_id__in=list(office_ids), role=Role.OFFICE_HANDLER
    )
    return [m.user for m in members.select_related("user")]


def advisors(issue: Issue) -> list[User]:
    members = Membership.objects.active().filter(node_id=issue.school_id, role=Role.ADVISOR)
    return [m.user for m in members.select_related("user")]


def city_staff(issue: Issue) -> list[User]:
    """Federation staff of the school's city, and of its county when it has one (the
    path's ids between the province and the school)."""
    above = issue.school.ancestor_ids()[1:-1]
    members = Membership.objects.active().filter(node_id__in=above, role__in=_FEDERATION)
    return [m.user for m in members.select_related("user")]


def tell_reporter(issue: Issue, title: str, body: str = "") -> None:
    """Notify the reporter (anonymous or not) — the notification goes to them alone."""
    user_id = reporter_id(issue)
    if user_id is not None:
        notify(
            recipients=[User(pk=user_id)],
            verb="rights.issue.updated",
            title=title,
            body=body,
            url=f"/rights/issues/{issue.pk}/",
            school=issue.school,
        )


def tell(users: Iterable[User], issue: Issue, title: str, body: str = "") -> None:
    notify(
        recipients=users,
        verb="rights.issue.updated",
        title=title,
        body=body,
        url=f"/rights/issues/{issue.pk}/",
        school=issue.school,
    )
