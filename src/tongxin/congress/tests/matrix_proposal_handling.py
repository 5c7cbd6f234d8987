"""The authorization matrix's rows and grants of the congress's
proposals: handling (tests/matrix.py).

A proposal of a closed session of school A's union (its own session and committee, so the
other parts' objects stay apart), led by student_a with student_a2 as confirmed co-signer,
referred to the logistics office (lead) with the academic office as co-office; the
committee chaired by advisor_a: province.issues[REFERRED_A]."""

from django.utils import timezone

from tongxin.testing.matrix import HANDLERS_A, Grant, Row, others
from tongxin.testing.province import TinyProvince

from ..models import SessionState
from ..proposal_models import (
    Committee,
    DeadlineKind,
    Proposal,
    ProposalCategory,
    ProposalSigner,
    ProposalState,
    SignerStatus,
)

REFERRED_A = "proposal_referred_a"


def populate(province: TinyProvince) -> None:
    from tongxin.workflow.clocks.services import clock_start
    from tongxin.workflow.referral import steps as referral

    from ..generator.delegates import session_for
    from ..proposal_deadlines import reply_duration

    now = timezone.now()
    session = session_for(
        province.union_a, SessionState.CLOSED, creator=province.advisor_a, on=now.date()
    )
    assert session is not None
    Committee.objects.create(session=session, school_id=session.school_id, chair=province.advisor_a)
    proposal = Proposal.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        number=1,
        state=ProposalState.REFERRED,
        lead=province.people["student_a"],
        title="增设夜间自习室",
        category=ProposalCategory.EDUCATION,
        suggestion="每栋教学楼开放一间自习室至 23:00。",
        submitted_at=now,
        deadline_kind=DeadlineKind.SIMPLE,
    )
    ProposalSigner.objects.create(
        proposal=proposal,
        school_id=session.school_id,
        user=province.people["student_a2"],
        status=SignerStatus.CONFIRMED,
    )
    referral.refer(
        proposal,
        lead_office=province.logistics_office_a,
        co_offices=[province.academic_office_a],
        now=now,
    )
    kind, duration = reply_duration(DeadlineKind.SIMPLE, None, now)
    clock_start(proposal, kind, now=now, duration=duration, first=True)
    proposal.save()
    province.issues[REFERRED_A] = proposal


def _pk(p: TinyProvince) -> int:
    return int(p.issues[REFERRED_A].pk)


# Personas that read the referred proposal: its lead, any student of school A (published),
# union A's officer, the advisor (chair), the lead office's handler.
READERS = ["student_a", "officer_a", "college_officer_a1", "handler_a", "advisor_a"]
OFFICE = ["handler_a"]

ROWS: list[Row] = [
    Row(
        "the offices' proposals page",
        lambda p: "/congress/proposals/office/",
        OFFICE,
        others(*OFFICE),
    ),
    Row(
        "the offices' proposals (API)",
        lambda p: "/api/v1/congress/proposals/office",
        OFFICE,
        others(*OFFICE),
    ),
    Row(
        "a referred proposal of school A",
        lambda p: f"/congress/proposals/{_pk(p)}/",
        READERS,
        [],
    ),
    Row(
        "a referred proposal of school A (API)",
        lambda p: f"/api/v1/congress/proposals/{_pk(p)}",
        READERS,
        [],
    ),
    Row(
        "comments panel of a referred proposal",
        lambda p: f"/comments/on/congress.proposal/{_pk(p)}/",
        READERS,
        [],
    ),
]


def _proposal(p: TinyProvince) -> Proposal:
    return p.issues[REFERRED_A]


LEAD_OFFICE = ["handler_a", "office_head_a"]
GRANTS: list[Grant] = [
    Grant("reply to a referred proposal", "congress.reply_proposal", _proposal, LEAD_OFFICE),
    Grant(
        "add a co-office's opinion to a proposal",
        "congress.add_proposal_input",
        _proposal,
        ["academic_handler_a"],
    ),
    Grant("rate a proposal's reply", "congress.rate_proposal", _proposal, ["student_a"]),
    Grant("co-rate a proposal's reply", "congress.corate_proposal", _proposal, ["student_a2"]),
    Grant(
        "comment on a proposal",
        "congress.discuss_proposal",
        _proposal,
        ["student_a", "student_a2", "advisor_a", *HANDLERS_A],
    ),
    Grant(
        "moderate a proposal's comments",
        "congress.moderate_proposal_comments",
        _proposal,
        ["advisor_a"],
    ),
    Grant("the offices' proposals page", "congress.open_proposal_office", None, HANDLERS_A),
]
