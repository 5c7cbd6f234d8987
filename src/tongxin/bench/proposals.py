"""The proposals' side of `bench/run` (issue 14): a session of the persona union with a
confirmed delegate list and an open collection window, for two scenarios —

propose  six delegates writing and submitting at once (the write form's POST, then the
         submit step's POST: the number is taken under the session row's lock);
cosign   six delegates confirming invitations at once, all on the same proposals in the
         same order (each confirmation serialises on the proposal's row).

Set up by `tongxin bench prepare` through the ORM (as the generators do): the level's rule
is raised like the rights desk's daily limit (lead proposals per delegate: 30,000; no
co-signers needed, so the submission stands alone), and drafts with the six invitations
waiting are topped up to COSIGN_DRAFTS. `tongxin bench proposals --session N` counts what
the nothing-lost / nothing-doubled checks compare (bench/proposals.py on the client side).
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from tongxin.accounts.models import Membership, Role, User
from tongxin.congress.generator.delegates import session_for
from tongxin.congress.models import (
    CongressRule,
    Delegate,
    DelegateList,
    DelegateListState,
    Session,
    SessionState,
)
from tongxin.congress.proposal_models import (
    Proposal,
    ProposalCategory,
    ProposalEvent,
    ProposalSigner,
    ProposalState,
    ProposalWindow,
    SignerStatus,
)
from tongxin.orgs.models import Node

DELEGATES = 6  # the connections of both scenarios: one delegate each
COSIGN_DRAFTS = 4000  # more than six connections confirm in one timed scenario


def _students(school_id: int, count: int) -> list[User]:
    members = (
        Membership.objects.active()
        .filter(role=Role.STUDENT, school_id=school_id)
        .select_related("user__school")
        .order_by("user_id")[:count]
    )
    return [m.user for m in members]


def _session(union: Node, advisor: User, today: datetime.date) -> Session:
    """The union's session prepared before (a confirmed list and a window), else a new one:
    its open session when it has no list yet, else a closed one of its own."""
    found = (
        Session.objects.filter(
            union=union,
            delegates__state=DelegateListState.CONFIRMED,
            proposal_window__isnull=False,
        )
        .order_by("-pk")
        .first()
    )
    if found is not None:
        return found
    session = session_for(
        union,
        SessionState.CONFIRMED,
        creator=advisor,
        on=today,
        reuse=(SessionState.CONFIRMED, SessionState.APPROVED),
    ) or session_for(union, SessionState.CLOSED, creator=advisor, on=today, reuse=("new",))
    assert session is not None
    return session


@transaction.atomic
def prepare(union: Node, advisor: User, login: Any) -> dict[str, Any]:
    """The session, its delegates (a lead, then the six who write and co-sign), its window
    and the drafts waiting for the six; the personas JSON's part for the two scenarios."""
    today = timezone.localdate()
    assert union.school_id is not None
    people = _students(union.school_id, DELEGATES + 1)
    if len(people) < DELEGATES + 1:
        raise LookupError(f"no school with {DELEGATES + 1} active students")
    lead, six = people[0], people[1:]
    session = _session(union, advisor, today)
    dl, _ = DelegateList.objects.get_or_create(
        session=session,
        defaults={
            "school_id": session.school_id,
            "union_id": session.union_id,
            "state": DelegateListState.CONFIRMED,
            "confirmed_at": timezone.now(),
            "term_start": today - datetime.timedelta(days=30),
            "term_end": today + datetime.timedelta(days=365),
        },
    )
    for user in people:
        Delegate.objects.get_or_create(
            delegate_list=dl,
            user=user,
            defaults={"school_id": session.school_id, "unit_id": user.college_id or union.pk},
        )
    ProposalWindow.objects.update_or_create(
        session=session,
        defaults={
            "school_id": session.school_id,
            "union_id": session.union_id,
            "opens_on": today - datetime.timedelta(days=30),
            "closes_on": today + datetime.timedelta(days=365),
            "set_by": advisor,
        },
    )
    CongressRule.objects.update_or_create(
        level=session.line.level,
        defaults={"proposal_max_lead": 30_000, "proposal_min_cosigners": 0},
    )
    return {
        "proposal_session": session.pk,
        "proposal_writers": [login(u) for u in six],
        "cosigners": [login(u) for u in six],
        "cosign_proposals": _drafts(session, lead, six),
    }


def _drafts(session: Session, lead: User, six: list[User]) -> list[int]:
    """Drafts of `lead` whose invitations all still wait, topped up to COSIGN_DRAFTS."""
    waiting = list(
        Proposal.objects.filter(session=session, lead=lead, state=ProposalState.DRAFT)
        .annotate(
            answered=Count("signers", filter=~Q(signers__status=SignerStatus.INVITED)),
            invited=Count("signers"),
        )
        .filter(answered=0, invited=len(six))
        .order_by("pk")
        .values_list("pk", flat=True)[:COSIGN_DRAFTS]
    )
    missing = COSIGN_DRAFTS - len(waiting)
    if missing > 0:
        now = timezone.now()
        made = Proposal.objects.bulk_create(
            [
                Proposal(
                    session=session,
                    school_id=session.school_id,
                    union_id=session.union_id,
                    lead=lead,
                    title=f"压测提案{n}：增加自习室开放时间",
                    category=ProposalCategory.EDUCATION,
                    suggestion="考试周自习室开放至 24:00。",
                    created_at=now,
                )
                for n in range(missing)
            ]
        )
        ids = [p.pk for p in made]
        if None in ids:  # a backend that returns no ids from bulk_create
            ids = list(
                Proposal.objects.filter(session=session, lead=lead)
                .order_by("-pk")
                .values_list("pk", flat=True)[:missing]
            )[::-1]
        ProposalSigner.objects.bulk_create(
            [
                ProposalSigner(
                    proposal_id=pk, school_id=session.school_id, user=user, invited_at=now
                )
                for pk in ids
                for user in six
            ]
        )
        waiting += ids
    return waiting


def counts(session_id: int) -> dict[str, Any]:
    """What the checks compare before and after a scenario (not timed)."""
    proposals = Proposal.objects.filter(session_id=session_id)
    numbered = proposals.filter(number__isnull=False)
    events = ProposalEvent.objects.filter(proposal__session_id=session_id)
    doubled = (
        events.filter(kind="cosigned")
        .order_by()
        .values("proposal_id", "actor_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    return {
        "proposals": proposals.count(),
        "submitted": proposals.filter(state=ProposalState.SUBMITTED).count(),
        "numbered": numbered.count(),
        "numbers_distinct": numbered.values("number").distinct().count(),
        "max_number": numbered.aggregate(n=Max("number"))["n"] or 0,
        "submitted_events": events.filter(kind="submitted").count(),
        "confirmed": ProposalSigner.objects.filter(
            proposal__session_id=session_id, status=SignerStatus.CONFIRMED
        ).count(),
        "cosigned_events": events.filter(kind="cosigned").count(),
        "doubled_confirmations": doubled,
    }
