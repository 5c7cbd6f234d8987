"""Read queries of the proposal committee, scoped in the database to the same reach as
rules.py's `congress.view_committee` (the committee's chair and active members, the
school's advisor): the sessions whose committee work one sees, the proposals waiting for a
decision, and the choices of the committee's forms."""

from typing import Any

from django.db.models import Q, QuerySet

from tongxin.accounts.models import Membership, Role, User
from tongxin.accounts.roles import school_ids_where
from tongxin.orgs.models import Node, NodeKind

from .models import Delegate, DelegateListState, Session
from .proposal_models import Committee, CommitteeMember, Proposal, ProposalState
from .services.proposal_committee import MERGE_TARGET_STATES

MAX_CHOICES = 500  # a select of a session's proposals or a school's offices stays this short


def _reach(actor: Any, session_field: str, school_field: str) -> Q | None:
    """The sessions the actor sees committee work of, as a filter (None: none)."""
    if not getattr(actor, "is_authenticated", False):
        return None
    chaired = Committee.objects.filter(chair_id=actor.pk).values("session_id")
    sitting = CommitteeMember.objects.filter(user_id=actor.pk, active=True).values(
        "committee__session_id"
    )
    q = Q(**{f"{session_field}__in": chaired}) | Q(**{f"{session_field}__in": sitting})
    schools = school_ids_where(actor, Role.ADVISOR)
    if schools:
        q |= Q(**{f"{school_field}__in": schools})
    return q


def committee_sessions_for(*, actor: Any) -> QuerySet[Session]:
    """Sessions with a confirmed delegate list (proposals come from delegates) whose
    committee work the actor sees, newest first."""
    q = _reach(actor, "pk", "school_id")
    if q is None:
        return Session.objects.none()
    return (
        Session.objects.filter(q, delegates__state=DelegateListState.CONFIRMED)
        .select_related("union", "school")
        .order_by("-pk")
    )


def waiting_proposals_for(*, actor: Any, session: Session | None = None) -> QuerySet[Proposal]:
    """Submitted proposals waiting for the committee's decision, oldest first."""
    q = _reach(actor, "session_id", "school_id")
    if q is None:
        return Proposal.objects.none()
    rows = Proposal.objects.filter(q, state=ProposalState.SUBMITTED)
    if session is not None:
        rows = rows.filter(session_id=session.pk)
    return rows.select_related("lead", "union", "session").order_by("submitted_at", "id")


def committee_session_get_for(*, actor: Any, pk: int) -> Session:
    """One session whose committee work the actor sees; DoesNotExist otherwise."""
    return committee_sessions_for(actor=actor).get(pk=pk)


def committee_of(session: Session) -> Committee | None:
    return Committee.objects.filter(session_id=session.pk).select_related("chair").first()


def members_of(committee: Committee | None) -> list[CommitteeMember]:
    if committee is None:
        return []
    return list(
        committee.members.filter(active=True).select_related("user", "office").order_by("id")
    )


def school_offices(school_id: int) -> list[Node]:
    return list(
        Node.objects.filter(school_id=school_id, kind=NodeKind.OFFICE).order_by("name", "pk")[
            :MAX_CHOICES
        ]
    )


def school_advisors(school_id: int) -> list[User]:
    rows = Membership.objects.active().filter(node_id=school_id, role=Role.ADVISOR)
    return [m.user for m in rows.select_related("user").order_by("user_id")]


def office_handlers(school_id: int) -> list[tuple[Node, User]]:
    """(office, handler) of every office of the school, by office."""
    rows = (
        Membership.objects.active()
        .filter(node__school_id=school_id, node__kind=NodeKind.OFFICE, role=Role.OFFICE_HANDLER)
        .select_related("node", "user")
        .order_by("node__name", "node_id", "user_id")
    )
    return [(m.node, m.user) for m in rows[:MAX_CHOICES]]


def delegates_by_number(session: Session, numbers: list[str]) -> dict[str, User]:
    """The session's confirmed delegates among the school's student numbers."""
    rows = Delegate.objects.filter(
        delegate_list__session_id=session.pk,
        delegate_list__state=DelegateListState.CONFIRMED,
        user__number__in=numbers,
    ).select_related("user")
    return {d.user.number: d.user for d in rows}


def merge_targets(proposal: Proposal) -> list[Proposal]:
    """What the proposal may be merged into: the session's others still open to one."""
    return list(
        Proposal.objects.filter(session_id=proposal.session_id, state__in=MERGE_TARGET_STATES)
        .exclude(pk=proposal.pk)
        .order_by("number", "pk")[:MAX_CHOICES]
    )
