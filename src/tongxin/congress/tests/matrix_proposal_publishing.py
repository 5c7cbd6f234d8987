"""The authorization matrix's rows and grants of the congress's
proposals: who reads a proposal, publishing and figures (tests/matrix.py)."""

from tongxin.testing.matrix import (
    ADVISORS,
    FEDERATION,
    FEDERATION_ALL,
    IN_SCHOOLS,
    OFFICERS,
    STUDENTS_A,
    UNION_A,
    Grant,
    Row,
)
from tongxin.testing.province import TinyProvince

from ..models import Proposal, ProposalCategory, ProposalState

SUBMITTED_A = "proposal_submitted_a"


def populate(province: TinyProvince) -> None:
    """A submitted proposal of school A's union session (the delegates part's session),
    led by student_a: province.issues[SUBMITTED_A]."""
    session = province.issues["delegates_notice"].session
    province.issues[SUBMITTED_A] = Proposal.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        number=1,
        state=ProposalState.SUBMITTED,
        lead=province.people["student_a"],
        title="延长图书馆开放时间",
        category=ProposalCategory.LIFE,
        suggestion="考试周图书馆开放至 23:00。",
    )
    _published(province)


PUBLISHED_A = "proposals_published_a"


def _published(province: TinyProvince) -> None:
    """Published proposals in every reach the published list's selector composes: referred
    to the academic office with the logistics office as co-office, not accepted and
    forwarded to the logistics office, merged, a draft (never listed), school B's, and a
    college union's session whose committee seats the logistics office's head."""
    from datetime import date

    from ..models import Committee, CommitteeMember, SessionState
    from ..proposal_models import NotAcceptedGround
    from .proposal_factories_publishing import held_session, proposal

    session = province.issues["delegates_notice"].session
    lead = province.people["student_a2"]
    referred = proposal(
        session,
        ProposalState.REFERRED,
        lead=lead,
        title="增设自习室",
        number=2,
        lead_office=province.academic_office_a,
        co_offices=[province.logistics_office_a],
    )
    proposal(
        session,
        ProposalState.NOT_ACCEPTED,
        lead=lead,
        title="调整个人宿舍",
        number=3,
        ground=NotAcceptedGround.PERSONAL,
        forwarded_to=province.logistics_office_a,
    )
    proposal(
        session, ProposalState.MERGED, lead=lead, title="自习室", number=4, merged_into=referred
    )
    proposal(session, ProposalState.DRAFT, lead=lead, title="草稿")
    other = held_session(
        province.union_b, by=province.officer_b, held=date(2025, 5, 1), state=SessionState.CLOSED
    )
    proposal(other, ProposalState.SUBMITTED, lead=province.people["student_b"], title="乙校提案")
    college = held_session(
        province.college_union_a2,
        by=province.college_officer_a2,
        held=date(2025, 4, 1),
        state=SessionState.CLOSED,
    )
    committee = Committee.objects.create(
        session=college, school=province.school_a, chair=province.advisor_a
    )
    CommitteeMember.objects.create(
        committee=committee,
        school=province.school_a,
        user=province.people["office_head_a"],
        office=province.logistics_office_a,
    )
    province.issues[PUBLISHED_A] = proposal(
        college, ProposalState.ACCEPTED, lead=lead, title="学院提案"
    )


# A submitted proposal is published to its school's students; the union's officers and the
# advisor read it as their work.
SUBMITTED_READERS = [
    *("student_a", "student_a2", "candidate_a1"),  # any student of school A
    *("officer_a", "minister_a", "member_a"),  # union A's officers
    *("college_officer_a1", "college_officer_a2", "advisor_a"),
]


def _book(p: TinyProvince) -> str:
    return str(p.issues["delegates_notice"].session_id)


# Anyone of a school opens the published list; the federation never does.
SCHOOL_PEOPLE = ["student_a", "officer_a", "college_officer_a1", "secretary_a1"]
SCHOOL_PEOPLE += ["handler_a", "advisor_a"]
STATS_READERS = ["officer_a", "college_officer_a1", "advisor_a", *FEDERATION, "county_specialist"]
# The book of union A's session: its officers, the advisor, the committee, the school's
# students (every officer of school A is one).
BOOK_READERS = ["student_a", "officer_a", "college_officer_a1", "advisor_a"]
BOOK_PEOPLE = [*STUDENTS_A, *UNION_A, "college_officer_a1", "college_officer_a2", "advisor_a"]


def _pk(p: TinyProvince) -> int:
    return int(p.issues[SUBMITTED_A].pk)


ROWS: list[Row] = [
    Row(
        "a submitted proposal of school A",
        lambda p: f"/congress/proposals/{_pk(p)}/",
        SUBMITTED_READERS,
        [],
    ),
    Row(
        "a submitted proposal of school A (API)",
        lambda p: f"/api/v1/congress/proposals/{_pk(p)}",
        SUBMITTED_READERS,
        [],
    ),
]
ROWS += [
    Row(
        "the published proposals",
        lambda p: "/congress/proposals/",
        SCHOOL_PEOPLE,
        [*FEDERATION, "county_specialist"],
    ),
    Row(
        "the published proposals (API)",
        lambda p: "/api/v1/congress/proposals/published",
        SCHOOL_PEOPLE,
        [*FEDERATION, "county_specialist"],
    ),
    Row(
        "the proposal statistics",
        lambda p: "/congress/proposals/stats/",
        STATS_READERS,
        ["student_a", "secretary_a1", "handler_a"],
    ),
    Row(
        "the proposal statistics (API)",
        lambda p: "/api/v1/congress/proposals/stats",
        STATS_READERS,
        ["student_a", "secretary_a1", "handler_a"],
    ),
    Row(
        "the proposal book of union A's session (PDF)",
        lambda p: f"/congress/proposals/book/{_book(p)}.pdf",
        BOOK_READERS,
        [],
    ),
    Row(
        "the proposal book of union A's session (Excel)",
        lambda p: f"/congress/proposals/book/{_book(p)}.xlsx",
        BOOK_READERS,
        [],
    ),
]


def _published_among(p: TinyProvince) -> list[Proposal]:
    from ..proposal_models import PUBLISHED_STATES

    return list(Proposal.objects.filter(state__in=PUBLISHED_STATES))


def _listed(*, actor: object) -> object:
    from ..proposal_publish import proposals_published_for

    return proposals_published_for(actor)


GRANTS: list[Grant] = [
    Grant(
        "open the published proposals",
        "congress.open_published_proposals",
        None,
        IN_SCHOOLS,
    ),
    Grant(
        "read the proposal statistics",
        "congress.view_proposal_stats",
        None,
        [*OFFICERS, *ADVISORS, *FEDERATION_ALL],
    ),
    Grant(
        "download the proposal book of union A's session",
        "congress.download_proposal_book",
        lambda p: p.issues["delegates_notice"].session,
        BOOK_PEOPLE,
    ),
    Grant(
        "read a college union's accepted proposal (committee, published list)",
        "congress.view_proposal",
        lambda p: p.issues[PUBLISHED_A],
        [*BOOK_PEOPLE, "office_head_a"],
        listed=_listed,
        among=_published_among,
    ),
    Grant(
        "read a submitted proposal of school A",
        "congress.view_proposal",
        lambda p: p.issues[SUBMITTED_A],
        SUBMITTED_READERS,
    ),
]
