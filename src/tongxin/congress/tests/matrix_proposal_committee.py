"""The authorization matrix's rows and grants of the congress's
proposals: the committee (tests/matrix.py).

committee_session_a    a session of school A's union with a confirmed delegate list
                       (student_a, student_a2, officer_a) and its committee: advisor_a
                       chairs, handler_a (logistics) and student_a2 (a delegate) sit
committee_proposal_a   a submitted proposal of that session led by student_a
"""

from typing import Any

from django.utils import timezone

from tongxin.congress.generator.delegates import session_for
from tongxin.congress.models import Delegate, DelegateList, DelegateListState, SessionState
from tongxin.congress.proposal_committee_selectors import waiting_proposals_for
from tongxin.congress.proposal_models import (
    Committee,
    CommitteeMember,
    Proposal,
    ProposalCategory,
    ProposalState,
)
from tongxin.testing.matrix import ADVISORS, Grant, Row, others
from tongxin.testing.province import TinyProvince

SESSION, PROPOSAL = "committee_session_a", "committee_proposal_a"


def populate(province: TinyProvince) -> None:
    """Set-up through the ORM (the services are tested in test_proposal_committee_*)."""
    union = province.nodes["union_a"]
    session = session_for(
        union, SessionState.CLOSED, creator=province.advisor_a, on=timezone.localdate()
    )
    assert session is not None
    dl = DelegateList.objects.create(
        session=session,
        school_id=session.school_id,
        union=union,
        state=DelegateListState.CONFIRMED,
    )
    for key in ("student_a", "student_a2", "officer_a"):
        user = province.people[key]
        Delegate.objects.create(
            delegate_list=dl, school_id=session.school_id, user=user, unit=user.college
        )
    committee = Committee.objects.create(
        session=session, school_id=session.school_id, chair=province.advisor_a
    )
    for key, office in [("handler_a", province.nodes["logistics_office_a"]), ("student_a2", None)]:
        CommitteeMember.objects.create(
            committee=committee,
            school_id=session.school_id,
            user=province.people[key],
            office=office,
        )
    province.issues[SESSION] = session
    province.issues[PROPOSAL] = Proposal.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        number=1,
        state=ProposalState.SUBMITTED,
        lead=province.people["student_a"],
        title="增设自习室",
        category=ProposalCategory.EDUCATION,
        suggestion="考试周开放三间教室作自习室。",
    )


def _pk(key: str) -> Any:
    return lambda p: p.issues[key].pk


def _on(key: str) -> Any:
    return lambda p: p.issues[key]


WORKERS = ["advisor_a", "handler_a"]  # the personas: the chair, a member

ROWS = [
    Row(
        "the committee's work page",
        lambda p: "/congress/proposals/committee/",
        WORKERS,
        others(*WORKERS),
    ),
    Row(
        "a session's committee of school A",
        lambda p: f"/congress/proposals/committee/{_pk(SESSION)(p)}/",
        WORKERS,
        [],
    ),
    Row(
        "naming a session's committee of school A",
        lambda p: f"/congress/proposals/committee/{_pk(SESSION)(p)}/name/",
        ["advisor_a"],
        ["handler_a"],
    ),
    Row(
        "API the committee's waiting proposals",
        lambda p: "/api/v1/congress/proposals/committee/waiting",
        WORKERS,
        others(*WORKERS),
    ),
    Row(
        "API a session's committee of school A",
        lambda p: f"/api/v1/congress/proposals/committee/sessions/{_pk(SESSION)(p)}",
        WORKERS,
        [],
    ),
]

COMMITTEE_A = ["advisor_a", "handler_a", "student_a2"]

GRANTS = [
    Grant(
        "name the committee of school A's session",
        "congress.name_committee",
        _on(SESSION),
        ["advisor_a"],
    ),
    Grant(
        "read the committee work of school A's session",
        "congress.view_committee",
        _on(SESSION),
        COMMITTEE_A,
    ),
    Grant(
        "read the committee work on a proposal of school A",
        "congress.view_committee",
        _on(PROPOSAL),
        COMMITTEE_A,
        listed=waiting_proposals_for,
        among=lambda p: Proposal.objects.filter(state=ProposalState.SUBMITTED),
    ),
    Grant(
        "decide a proposal of school A's session",
        "congress.decide_proposal",
        _on(PROPOSAL),
        ["advisor_a"],
    ),
    Grant(
        "open the committee's work page",
        "congress.open_committee_page",
        None,
        [
            *ADVISORS,
            "handler_a",
            "student_a2",
            "office_head_a",
        ],  # office_head_a: the publishing part's committee,
    ),
]
