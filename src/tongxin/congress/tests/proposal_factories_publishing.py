"""Set-up for the publishing part's tests: proposals written straight as rows in any state
(the writing, committee and handling services belong to the other parts), and the
hand-computed session of the statistics test."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from tongxin.orgs.models import Node
from tongxin.testing.clock import moment
from tongxin.testing.province import TinyProvince
from tongxin.workflow.referral.models import Rating

from ..models import CongressLine, Session, SessionState
from ..proposal_models import (
    NotAcceptedGround,
    Proposal,
    ProposalCategory,
    ProposalRating,
    ProposalSigner,
    ProposalState,
    SignerRole,
    SignerStatus,
)
from .rating_factories import D, line_for, session_for

P = ProposalState
C = ProposalCategory


def held_session(
    union: Node, *, by: Any, held: datetime.date, state: str = SessionState.HELD
) -> Session:
    line = CongressLine.objects.filter(union=union).first() or line_for(union, due_on=D(2028, 9, 1))
    return session_for(line, state, by=by, held_start=held)


def proposal(
    session: Session,
    state: str,
    *,
    lead: Any,
    title: str = "提案",
    category: str = C.LIFE,
    number: int | None = None,
    **fields: Any,
) -> Proposal:
    offices = fields.pop("co_offices", [])
    if number is None and state not in (P.DRAFT,):
        number = (Proposal.objects.filter(session=session).count() or 0) + 1
    p = Proposal.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        state=state,
        lead=lead,
        title=title,
        category=category,
        suggestion=f"{title}的具体建议。",
        number=number,
        submitted_at=moment("2026-05-12") if state != P.DRAFT else None,
        **fields,
    )
    if offices:
        p.co_offices.set(offices)
    return p


@dataclass
class World:
    session: Session
    by_key: dict[int, Proposal] = field(default_factory=dict)


def stats_world(p: TinyProvince) -> World:
    """The hand-computed session (the test's comments count it): union A's session held on
    2026-05-10, seen on 2026-06-15; plus a college union session of school A, a session of
    school B (city 2) and union A's session of 2025."""
    session = held_session(p.union_a, by=p.officer_a, held=D(2026, 5, 10))
    w = World(session)
    logistics, academic = p.logistics_office_a, p.academic_office_a
    lead = p.student_a
    due_past, due_later = moment("2026-06-10", 18), moment("2026-06-30", 18)

    def add(key: int, state: str, category: str, **fields: Any) -> None:
        w.by_key[key] = proposal(
            session, state, lead=lead, title=f"提案{key}", category=category, **fields
        )

    add(1, P.DRAFT, C.LIFE)
    add(2, P.WITHDRAWN, C.LIFE)
    add(3, P.SUBMITTED, C.LIFE)
    add(4, P.REFERRED, C.EDUCATION, lead_office=logistics, reply_due_at=due_past)
    add(5, P.REFERRED, C.EDUCATION, lead_office=academic, reply_due_at=due_later)
    handled = moment("2026-06-01")
    add(
        6,
        P.REPLIED,
        C.LIFE,
        lead_office=logistics,
        result_class="A",
        handled_at=handled,
        answer="已增加开放时间。",
        co_offices=[academic],
    )
    add(
        7,
        P.DONE,
        C.LIFE,
        lead_office=logistics,
        result_class="A",
        handled_at=handled,
        rating=Rating.SATISFIED,
        answer="已完成。",
    )
    add(
        8,
        P.DONE,
        C.RIGHTS,
        lead_office=academic,
        result_class="C",
        handled_at=handled,
        rating=Rating.DISSATISFIED,
        dissatisfied_count=2,
        answer="条件不具备。",
    )
    add(9, P.PROGRESSING, C.GROWTH, lead_office=academic, result_class="B", handled_at=handled)
    add(
        10,
        P.FURTHER,
        C.OTHER,
        lead_office=academic,
        result_class="D",
        handled_at=handled,
        rating=Rating.DISSATISFIED,
        dissatisfied_count=1,
        reply_due_at=moment("2026-06-01"),
    )
    add(11, P.NOT_ACCEPTED, C.LIFE, ground=NotAcceptedGround.PERSONAL, forwarded_to=logistics)
    add(
        13,
        P.DONE,
        C.EDUCATION,
        lead_office=logistics,
        result_class="A",
        handled_at=handled,
        rating=Rating.BASICALLY,
    )
    add(12, P.MERGED, C.LIFE, merged_into=w.by_key[7])
    ProposalSigner.objects.create(
        proposal=w.by_key[7],
        school=p.school_a,
        user=p.student_a2,
        role=SignerRole.CO_PROPOSER,
        status=SignerStatus.CONFIRMED,
        from_proposal=w.by_key[12],
    )
    ProposalRating.objects.create(
        proposal=w.by_key[7],
        school=p.school_a,
        user=p.student_a,
        is_lead=True,
        rating=Rating.SATISFIED,
    )
    college = held_session(p.college_union_a1, by=p.college_officer_a1, held=D(2026, 4, 20))
    w.by_key[20] = proposal(
        college,
        P.REFERRED,
        lead=p.student_a,
        title="提案20",
        category=C.GROWTH,
        lead_office=academic,
        reply_due_at=due_later,
    )
    school_b = held_session(p.union_b, by=p.officer_b, held=D(2026, 5, 1))
    w.by_key[30] = proposal(school_b, P.SUBMITTED, lead=p.student_b, title="提案30")
    old = held_session(p.union_a, by=p.officer_a, held=D(2025, 5, 10), state=SessionState.CLOSED)
    w.by_key[40] = proposal(old, P.SUBMITTED, lead=p.student_a, title="提案40")
    return w
