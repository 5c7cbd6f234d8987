"""The authorization matrix's rows and grants of the congress's
proposals: who reads a proposal, publishing and figures (tests/matrix.py)."""

from tongxin.testing.matrix import Grant, Row
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


# A submitted proposal is published to its school's students; the union's officers and the
# advisor read it as their work.
SUBMITTED_READERS = [
    *("student_a", "student_a2", "candidate_a1"),  # any student of school A
    *("officer_a", "minister_a", "member_a"),  # union A's officers
    *("college_officer_a1", "college_officer_a2", "advisor_a"),
]


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
GRANTS: list[Grant] = [
    Grant(
        "read a submitted proposal of school A",
        "congress.view_proposal",
        lambda p: p.issues[SUBMITTED_A],
        SUBMITTED_READERS,
    ),
]
