"""The authorization matrix's rows and grants of the congress's delegates (tests/matrix.py).

delegates_notice      school A's union list under public notice
delegates_draft_a1    college A1's union list, a draft (its union, secretary, advisor)
delegates_notice_b    school B's union list under notice (the sibling school)
"""

from typing import Any

from django.utils import timezone

from tongxin.congress.delegate_selectors import delegate_lists_for
from tongxin.congress.generator.delegates import session_for
from tongxin.congress.models import DelegateList, DelegateListState, SessionState
from tongxin.testing.matrix import (
    IN_SCHOOLS,
    OFFICERS,
    OVER_COUNTY,
    SCHOOL_A,
    STUDENTS,
    STUDENTS_A,
    UNION_A,
    Grant,
    Row,
    others,
)
from tongxin.testing.province import TinyProvince
from tongxin.workflow.notice.period import notice_open

NOTICE, DRAFT_A1, NOTICE_B = "delegates_notice", "delegates_draft_a1", "delegates_notice_b"


def _list(province: TinyProvince, union: str, creator: str, state: str) -> DelegateList:
    """Set-up through the ORM (the services are tested in test_delegate_services.py)."""
    node = province.nodes[union]
    # A closed session: the sessions part's open ones (one per line) are left alone.
    session = session_for(
        node, SessionState.CLOSED, creator=province.people[creator], on=timezone.localdate()
    )
    assert session is not None
    dl = DelegateList(session=session, school_id=node.school_id, union=node, state=state)
    if state == DelegateListState.NOTICE:
        notice_open(dl, 5, timezone.now())
    dl.save()
    return dl


def populate(province: TinyProvince) -> None:
    """The objects these rows name, kept in province.issues."""
    province.issues[NOTICE] = _list(province, "union_a", "advisor_a", DelegateListState.NOTICE)
    province.issues[DRAFT_A1] = _list(
        province, "college_union_a1", "advisor_a", DelegateListState.DRAFT
    )
    province.issues[NOTICE_B] = _list(province, "union_b", "advisor_b", DelegateListState.NOTICE)


def _id(key: str) -> Any:
    return lambda p: p.issues[key].pk


# School A's students (officers are students too) and its advisor read the notice.
NOTICE_READERS = ["student_a", "officer_a", "college_officer_a1", "advisor_a"]
DRAFT_A1_READERS = ["college_officer_a1", "secretary_a1", "advisor_a"]
STUDENT_ROLES_HERE = ["student_a", "officer_a", "college_officer_a1"]

ROWS = [
    Row("delegate lists", lambda p: "/congress/delegates/", SCHOOL_A, OVER_COUNTY),
    Row(
        "my delegacy",
        lambda p: "/congress/delegates/mine/",
        STUDENT_ROLES_HERE,
        others(*STUDENT_ROLES_HERE),
    ),
    Row(
        "a delegate list under notice",
        lambda p: f"/congress/delegates/{_id(NOTICE)(p)}/",
        NOTICE_READERS,
        [],
    ),
    Row(
        "a delegate list's printable notice",
        lambda p: f"/congress/delegates/{_id(NOTICE)(p)}/pdf/",
        NOTICE_READERS,
        [],
    ),
    Row(
        "a draft delegate list of college A1",
        lambda p: f"/congress/delegates/{_id(DRAFT_A1)(p)}/",
        DRAFT_A1_READERS,
        [],
    ),
    Row(
        "a delegate list of school B",
        lambda p: f"/congress/delegates/{_id(NOTICE_B)(p)}/",
        [],
        [],
    ),
    Row("API delegate lists", lambda p: "/api/v1/congress/delegates/lists", SCHOOL_A, OVER_COUNTY),
    Row(
        "API sessions to prepare",
        lambda p: "/api/v1/congress/delegates/sessions-to-prepare",
        SCHOOL_A,
        OVER_COUNTY,
    ),
    Row(
        "API a delegate list under notice",
        lambda p: f"/api/v1/congress/delegates/lists/{_id(NOTICE)(p)}",
        NOTICE_READERS,
        [],
    ),
    Row(
        "API a draft delegate list of college A1",
        lambda p: f"/api/v1/congress/delegates/lists/{_id(DRAFT_A1)(p)}",
        DRAFT_A1_READERS,
        [],
    ),
    Row(
        "API my delegacy",
        lambda p: "/api/v1/congress/delegates/mine",
        STUDENT_ROLES_HERE,
        others(*STUDENT_ROLES_HERE),
    ),
]

SCHOOL_A_STUDENT_ROLES = [*STUDENTS_A, *UNION_A, "college_officer_a1", "college_officer_a2"]


def _on(key: str) -> Any:
    return lambda p: p.issues[key]


GRANTS = [
    Grant(
        "prepare school A's union list", "congress.prepare_delegates", _on(NOTICE), ["officer_a"]
    ),
    Grant(
        "prepare college A1's union list (no presidium there)",
        "congress.prepare_delegates",
        _on(DRAFT_A1),
        [],
    ),
    Grant(
        "read school A's union list in full",
        "congress.view_delegates",
        _on(NOTICE),
        [*UNION_A, "advisor_a"],
    ),
    Grant(
        "read college A1's union list in full",
        "congress.view_delegates",
        _on(DRAFT_A1),
        ["college_officer_a1", "secretary_a1", "advisor_a"],
    ),
    Grant(
        "see school A's list under notice",
        "congress.view_delegate_notice",
        _on(NOTICE),
        [*SCHOOL_A_STUDENT_ROLES, "advisor_a"],
        listed=delegate_lists_for,
        among=lambda p: DelegateList.objects.all(),
    ),
    Grant(
        "see college A1's draft",
        "congress.view_delegate_notice",
        _on(DRAFT_A1),
        ["college_officer_a1", "secretary_a1", "advisor_a"],
    ),
    Grant(
        "see school B's list under notice",
        "congress.view_delegate_notice",
        _on(NOTICE_B),
        ["student_b", "officer_b", "advisor_b"],
    ),
    Grant(
        "object to school A's list",
        "congress.object_to_delegates",
        _on(NOTICE),
        SCHOOL_A_STUDENT_ROLES,
    ),
    Grant("object to a draft", "congress.object_to_delegates", _on(DRAFT_A1), []),
    Grant(
        "answer objections to school A's list",
        "congress.resolve_delegate_objection",
        _on(NOTICE),
        ["advisor_a"],
    ),
    Grant(
        "confirm school A's list",
        "congress.confirm_delegates",
        _on(NOTICE),
        ["officer_a", "advisor_a"],
    ),
    Grant("open the delegate lists", "congress.open_delegate_lists", None, IN_SCHOOLS),
    Grant("open my delegacy", "congress.open_my_delegacy", None, [*STUDENTS, *OFFICERS]),
]
