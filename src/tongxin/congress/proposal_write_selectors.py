"""Read queries of writing and co-signing: a delegate's proposals and invitations, the
sessions whose window is open for them, the sessions whose window an officer sets, similar
titles of a session, and the suggestions (a student's own, a college's delegates')."""

import datetime
from typing import Any

from django.db.models import Q, QuerySet

from tongxin.accounts.models import Role, User
from tongxin.accounts.roles import grants_where, school_ids_where
from tongxin.core.similarity import OFFERED, best_matches, grams

from .models import FINAL_SESSION_STATES, Delegate, DelegateListState, Session
from .proposal_models import (
    Proposal,
    ProposalGram,
    ProposalSigner,
    ProposalState,
    ProposalWindow,
    SignerStatus,
    Suggestion,
    SuggestionState,
)


def my_lead_proposals(user: Any) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(lead_id=user.pk)
        .select_related("session", "union")
        .order_by("-created_at", "-id")
    )


def my_invitations(user: Any) -> QuerySet[ProposalSigner]:
    """Invitations waiting for the user's answer (待您确认附议), oldest first."""
    return (
        ProposalSigner.objects.filter(
            user_id=user.pk, status=SignerStatus.INVITED, proposal__state=ProposalState.DRAFT
        )
        .select_related("proposal__lead", "proposal__union", "proposal__session")
        .order_by("invited_at", "id")
    )


def writable_windows(user: Any, on: datetime.date) -> QuerySet[ProposalWindow]:
    """The open windows of the sessions whose confirmed list holds the user."""
    sessions = Delegate.objects.filter(
        user_id=user.pk, delegate_list__state=DelegateListState.CONFIRMED
    ).values("delegate_list__session_id")
    return (
        ProposalWindow.objects.filter(session_id__in=sessions, opens_on__lte=on, closes_on__gte=on)
        .select_related("session", "union")
        .order_by("closes_on", "id")
    )


def window_sessions_for(user: Any) -> QuerySet[Session]:
    """Sessions (not closed or cancelled) whose window the user may set: their union's as
    an officer, their school's as the advisor."""
    unions = [g.node_id for g in grants_where(user, Role.OFFICER)]
    schools = school_ids_where(user, Role.ADVISOR)
    if not unions and not schools:
        return Session.objects.none()
    return (
        Session.objects.filter(Q(union_id__in=unions) | Q(school_id__in=schools))
        .exclude(state__in=FINAL_SESSION_STATES)
        .select_related("union", "proposal_window")
        .order_by("school_id", "union_id", "-number")
    )


def session_delegates(session: Session) -> QuerySet[User]:
    return User.objects.filter(
        pk__in=Delegate.objects.filter(
            delegate_list__session_id=session.pk,
            delegate_list__state=DelegateListState.CONFIRMED,
        ).values("user_id")
    ).order_by("real_name", "pk")


def similar_proposals(
    *, session_id: int, title: str, exclude: int | None = None, limit: int = OFFERED
) -> list[Proposal]:
    """Proposals of the session (not withdrawn) whose titles share the most bigrams."""
    rows = ProposalGram.objects.filter(session_id=session_id).exclude(
        proposal__state=ProposalState.WITHDRAWN
    )
    if exclude is not None:
        rows = rows.exclude(proposal_id=exclude)
    ids = best_matches(rows, "proposal_id", grams(title), limit)
    found = Proposal.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


# ---------------------------------------------------------------- suggestions


def college_delegates(school_id: int, college_id: int, on: datetime.date) -> QuerySet[User]:
    """The delegates now (a confirmed list of the school, its term covering `on`) who
    study in the college."""
    seats = Delegate.objects.filter(
        school_id=school_id,
        delegate_list__state=DelegateListState.CONFIRMED,
        delegate_list__term_start__lte=on,
        delegate_list__term_end__gte=on,
    ).values("user_id")
    return User.objects.filter(pk__in=seats, college_id=college_id)


def my_suggestions(user: Any) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(author_id=user.pk).order_by("-id")


def proposal_of(suggestion: Suggestion) -> Proposal | None:
    """The proposal that adopted the suggestion (the latest, should one be withdrawn)."""
    return suggestion.proposals.order_by("-id").first()


def suggestions_for_delegate(user: Any, on: datetime.date) -> QuerySet[Suggestion]:
    """The suggestions to the colleges the user is a delegate of now (open ones first)."""
    if not getattr(user, "college_id", None):
        return Suggestion.objects.none()
    schools = Delegate.objects.filter(
        user_id=user.pk,
        delegate_list__state=DelegateListState.CONFIRMED,
        delegate_list__term_start__lte=on,
        delegate_list__term_end__gte=on,
    ).values("school_id")
    return (
        Suggestion.objects.filter(school_id__in=schools, college_id=user.college_id)
        .select_related("author", "handled_by")
        .order_by("-id")
    )


def open_suggestions_for_delegate(user: Any, on: datetime.date) -> QuerySet[Suggestion]:
    return suggestions_for_delegate(user, on).filter(state=SuggestionState.OPEN)


def session_by_pk(pk: int) -> Session | None:
    """A session with what the write pages show (the view checks the rule on it)."""
    return Session.objects.select_related("union", "school", "line").filter(pk=pk).first()


def suggestion_by_pk(pk: Any) -> Suggestion | None:
    return Suggestion.objects.filter(pk=pk).first()


def issue_by_pk(pk: Any) -> Any:
    """A rights issue named as a proposal's basis (the view checks rights.view_issue)."""
    from tongxin.rights.models import Issue

    return Issue.objects.filter(pk=pk).first()
