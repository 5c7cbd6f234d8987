"""The authorization matrix's rows and grants of the congress's
proposals: writing and co-signing (tests/matrix.py).

proposal_session_w   a session of school A's union (its own, closed: the sessions part's open
                     ones are left alone) with a confirmed list whose term covers today:
                     student_a and student_a2 are delegates; its window is open
proposal_draft_w     student_a's draft there, student_a2 invited to co-sign
suggestion_w         college_officer_a1's suggestion to college A1's delegates (student_a)
"""

import datetime
from typing import Any

from django.utils import timezone

from tongxin.congress.generator.delegates import session_for
from tongxin.congress.models import Delegate, DelegateList, DelegateListState, SessionState
from tongxin.congress.proposal_models import (
    Proposal,
    ProposalCategory,
    ProposalSigner,
    ProposalWindow,
    Suggestion,
)
from tongxin.testing.matrix import ADVISORS, OFFICERS, STUDENTS, UNION_A, Grant, Row, others
from tongxin.testing.province import TinyProvince

SESSION_W, DRAFT_W, SUGGESTION_W = "proposal_session_w", "proposal_draft_w", "suggestion_w"
DELEGATES_W = ["student_a", "student_a2"]


def populate(province: TinyProvince) -> None:
    """Set-up through the ORM (the services are tested in test_proposal_writing_*.py)."""
    today = timezone.localdate()
    session = session_for(
        province.nodes["union_a"],
        SessionState.CLOSED,
        creator=province.people["advisor_a"],
        on=today,
        reuse=("none: always a new session",),
    )
    assert session is not None
    dl = DelegateList.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        state=DelegateListState.CONFIRMED,
        confirmed_at=timezone.now(),
        term_start=today - datetime.timedelta(days=30),
        term_end=today + datetime.timedelta(days=365),
    )
    for key in DELEGATES_W:
        user = province.people[key]
        Delegate.objects.create(
            delegate_list=dl, school_id=session.school_id, user=user, unit_id=user.college_id
        )
    ProposalWindow.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=30),
        set_by=province.people["officer_a"],
    )
    draft = Proposal.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        lead=province.people["student_a"],
        title="增加自习室插座",
        category=ProposalCategory.LIFE,
        suggestion="每张自习桌配一个插座。",
    )
    ProposalSigner.objects.create(
        proposal=draft, school_id=session.school_id, user=province.people["student_a2"]
    )
    author = province.people["college_officer_a1"]
    province.issues[SESSION_W] = session
    province.issues[DRAFT_W] = draft
    province.issues[SUGGESTION_W] = Suggestion.objects.create(
        school_id=author.school_id,
        college_id=author.college_id,
        author=author,
        title="操场灯光太暗",
        text="晚上跑步看不清。",
    )


def _pk(key: str) -> Any:
    return lambda p: p.issues[key].pk


def _on(key: str) -> Any:
    return lambda p: p.issues[key]


# Personas (of EVERYONE) holding a student role, or the advisor's.
STUDENT_PERSONAS = ["student_a", "officer_a", "college_officer_a1"]
MINE_PERSONAS = [*STUDENT_PERSONAS, "advisor_a"]
WINDOW_SETTERS = ["officer_a", "advisor_a"]
DRAFT_READERS = ["student_a", "officer_a", "advisor_a"]
API = "/api/v1/congress/proposal-writing"

ROWS: list[Row] = [
    Row(
        "my proposals", lambda p: "/congress/proposals/mine/", MINE_PERSONAS, others(*MINE_PERSONAS)
    ),
    Row(
        "write a proposal in the session with an open window",
        lambda p: f"/congress/proposals/write/{_pk(SESSION_W)(p)}/",
        ["student_a"],
        [],
    ),
    Row(
        "similar proposals while writing",
        lambda p: f"/congress/proposals/write/{_pk(SESSION_W)(p)}/similar/?title=插座",
        ["student_a"],
        [],
    ),
    Row(
        "a session's proposal window",
        lambda p: f"/congress/proposals/window/{_pk(SESSION_W)(p)}/",
        WINDOW_SETTERS,
        [],
    ),
    Row(
        "a draft proposal of school A",
        lambda p: f"/congress/proposals/{_pk(DRAFT_W)(p)}/",
        DRAFT_READERS,
        [],
    ),
    Row(
        "my suggestions",
        lambda p: "/congress/suggestions/mine/",
        STUDENT_PERSONAS,
        others(*STUDENT_PERSONAS),
    ),
    Row(
        "the college's suggestions",
        lambda p: "/congress/suggestions/",
        ["student_a"],
        others("student_a"),
    ),
    Row("API my proposals", lambda p: f"{API}/mine", MINE_PERSONAS, others(*MINE_PERSONAS)),
    Row(
        "API a session's proposal window",
        lambda p: f"{API}/sessions/{_pk(SESSION_W)(p)}/window",
        ["student_a", *WINDOW_SETTERS],
        [],
    ),
    Row(
        "API similar proposals",
        lambda p: f"{API}/sessions/{_pk(SESSION_W)(p)}/similar?title=插座",
        ["student_a"],
        [],
    ),
    Row(
        "API a draft proposal of school A",
        lambda p: f"/api/v1/congress/proposals/{_pk(DRAFT_W)(p)}",
        DRAFT_READERS,
        [],
    ),
    Row(
        "API my suggestions",
        lambda p: f"{API}/suggestions/mine",
        STUDENT_PERSONAS,
        others(*STUDENT_PERSONAS),
    ),
    Row(
        "API the college's suggestions",
        lambda p: f"{API}/suggestions/inbox",
        ["student_a"],
        others("student_a"),
    ),
]

STUDENT_PEOPLE = [*STUDENTS, *OFFICERS]
GRANTS: list[Grant] = [
    Grant(
        "set the window of union A's session",
        "congress.set_proposal_window",
        _on(SESSION_W),
        [*UNION_A, "advisor_a"],
    ),
    Grant(
        "write in the session (its delegates)",
        "congress.write_proposal",
        _on(SESSION_W),
        DELEGATES_W,
    ),
    Grant(
        "edit, invite, submit, withdraw the draft",
        "congress.edit_proposal",
        _on(DRAFT_W),
        ["student_a"],
    ),
    Grant("co-sign the draft", "congress.cosign_proposal", _on(DRAFT_W), ["student_a2"]),
    Grant("attach to the draft", "congress.attach_to_proposal", _on(DRAFT_W), ["student_a"]),
    Grant(
        "send a suggestion (students who are no delegates now)",
        "congress.send_suggestion",
        None,
        [p for p in STUDENT_PEOPLE if p not in DELEGATES_W],
    ),
    Grant(
        "read the suggestion",
        "congress.view_suggestion",
        _on(SUGGESTION_W),
        ["college_officer_a1", "student_a"],
    ),
    Grant(
        "adopt or answer the suggestion",
        "congress.handle_suggestion",
        _on(SUGGESTION_W),
        ["student_a"],
    ),
    Grant("open my proposals", "congress.open_my_proposals", None, [*STUDENT_PEOPLE, *ADVISORS]),
    Grant("open my suggestions", "congress.open_my_suggestions", None, STUDENT_PEOPLE),
    Grant("open the college's suggestions", "congress.open_suggestion_inbox", None, DELEGATES_W),
]
