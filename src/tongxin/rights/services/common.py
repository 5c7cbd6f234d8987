"""What the rights transitions add to the shared workflow steps (tongxin.workflow.steps):
the issue's timeline line with its audit event, sealed for an anonymous reporter, the
membership the actor acted under, and who is told.

    lock ──► require_state ──► change ──► save_step ──► record_issue_step ──► tell_about_issue
"""

import secrets
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Membership, Role, User
from tongxin.accounts.reach import Grant, has_role
from tongxin.accounts.roles import FEDERATION_ROLES, first_grant, grant_at, grant_over
from tongxin.workflow.referral.rules import offices_of
from tongxin.workflow.referral.selectors import handlers_of
from tongxin.workflow.steps import page_of, record_step, tell

from ..models import Issue, IssueEvent
from ..rules import reporter_id


def new_pseudonym() -> str:
    return f"匿名同学#{secrets.token_hex(2).upper()}"


def actor_label(actor: User, issue: Issue) -> str:
    """How the actor appears on the issue's timeline: an anonymous reporter by pseudonym."""
    if issue.is_anonymous and actor.pk == reporter_id(issue):
        return issue.pseudonym
    return actor.real_name


# Transitions the reporter makes as a student; every other one is made in an office.
REPORTER_KINDS = {"submitted", "withdrawn", "rated", "reopened", "supported"}


def _office_grant(actor: User, issue: Issue) -> Grant | None:
    # The co-offices are read only for someone who handles an office at all.
    if not has_role(actor, Role.OFFICE_HANDLER):
        return None
    return grant_at(actor, Role.OFFICE_HANDLER, node_ids=offices_of(issue))


def _grant_over(actor: User, roles: Sequence[str], issue: Issue, node: str) -> Grant | None:
    if not has_role(actor, *roles):
        return None
    return grant_over(actor, *roles, node=getattr(issue, node))


def acting_grant(actor: User, issue: Issue, kind: str) -> Grant | None:
    """The membership `actor` acted under on `issue` — the one the audit event names: the
    union officer at the issue's union (not her own class), the handler at a referred
    office, the advisor at the school, federation staff above it; a reporter as student."""
    if kind in REPORTER_KINDS:
        return first_grant(actor, Role.STUDENT)
    finders: list[Callable[[], Grant | None]] = [
        lambda: grant_at(actor, Role.OFFICER, node_ids={issue.union_id}),
        lambda: _office_grant(actor, issue),
        lambda: grant_at(actor, Role.ADVISOR, node_ids={issue.school_id}),
        # The school and the union are loaded only for someone holding the role.
        lambda: _grant_over(actor, FEDERATION_ROLES, issue, "school"),
        lambda: _grant_over(actor, [Role.COLLEGE_SECRETARY], issue, "union"),
    ]
    return next((g for find in finders if (g := find()) is not None), None)


def record_issue_step(
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
    grant = acting_grant(actor, issue, kind)
    record_step(
        actor=actor,
        action=f"rights.issue.{kind}",
        target=issue,
        line=IssueEvent(
            issue=issue,
            school_id=issue.school_id,
            kind=kind,
            actor=None if sealed else actor,
            actor_label=label,
            text=text,
            internal=internal,
        ),
        data=data,
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
    return handlers_of(office_ids)


def advisors(issue: Issue) -> list[User]:
    members = Membership.objects.active().filter(node_id=issue.school_id, role=Role.ADVISOR)
    return [m.user for m in members.select_related("user")]


def city_staff(issue: Issue) -> list[User]:
    """Federation staff of the school's city, and of its county when it has one (the
    path's ids between the province and the school)."""
    above = issue.school.ancestor_ids()[1:-1]
    members = Membership.objects.active().filter(node_id__in=above, role__in=FEDERATION_ROLES)
    return [m.user for m in members.select_related("user")]


def tell_reporter(issue: Issue, title: str, body: str = "") -> None:
    """Notify the reporter (anonymous or not) — the notification goes to them alone."""
    user_id = reporter_id(issue)
    if user_id is not None:
        tell_about_issue([User(pk=user_id)], issue, title, body)


def tell_about_issue(users: Iterable[User], issue: Issue, title: str, body: str = "") -> None:
    tell(
        users,
        verb="rights.issue.updated",
        title=title,
        body=body,
        url=page_of("rights:issue-detail", issue),
        school=issue.school,
    )
