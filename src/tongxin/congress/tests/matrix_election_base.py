"""The elections' shared matrix set-up (tests/matrix.py runs it before the elections'
parts; it has no rows of its own).

election_session_a   a session of school A's union with a confirmed delegate list:
                     student_a, student_a2, officer_a
Each part makes its own election of that session with `election_with_round`: student_a2
is its chief scrutineer, officer_a a scrutineer, student_a a delegate who is neither, and
no candidate is one of the matrix's people (two students added for it).
"""

from typing import Any

from django.utils import timezone

from tongxin.congress.election_models import (
    Attendance,
    AttendanceMethod,
    Election,
    ElectionCandidate,
    ElectionMode,
    ElectionState,
    Round,
    RoundState,
    Scrutineer,
)
from tongxin.congress.generator.delegates import session_for
from tongxin.congress.models import Delegate, DelegateList, DelegateListState, SessionState
from tongxin.congress.services.election_common import new_round
from tongxin.testing.matrix import Grant, Row
from tongxin.testing.province import TinyProvince

from .delegate_world import add_students

SESSION = "election_session_a"
ROWS: list[Row] = []


def populate(province: TinyProvince) -> None:
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
    candidates = add_students(province, 1, 2, 3299000)
    for user in [province.people[k] for k in ("student_a", "student_a2", "officer_a")] + candidates:
        Delegate.objects.create(
            delegate_list=dl, school_id=session.school_id, user=user, unit=user.college
        )
    province.issues[SESSION] = session
    province.issues["election_candidates_a"] = candidates
    populate_grant_objects(province)


def election_with_round(
    province: TinyProvince,
    round_state: str = RoundState.DRAFT,
    *,
    state: str = ElectionState.RUNNING,
    mode: str = ElectionMode.ELECTRONIC,
    checked_in: tuple[str, ...] = (),
) -> tuple[Election, Round]:
    """An election of election_session_a (1 seat, the two added students standing) with
    round 1 in `round_state`; `checked_in` names matrix people present."""
    session = province.issues[SESSION]
    election = Election.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        seats=1,
        mode=mode,
        state=state,
        created_by=province.advisor_a,
    )
    candidates = [
        ElectionCandidate.objects.create(
            election=election, school_id=session.school_id, user=u, order=i
        )
        for i, u in enumerate(province.issues["election_candidates_a"])
    ]
    for key, chief in (("student_a2", True), ("officer_a", False)):
        Scrutineer.objects.create(
            election=election,
            school_id=session.school_id,
            user=province.people[key],
            is_chief=chief,
        )
    round_ = new_round(election, kind="first", seats=1, candidates=candidates)
    for key in checked_in:
        Attendance.objects.create(
            round=round_,
            school_id=session.school_id,
            user=province.people[key],
            method=AttendanceMethod.TELLER,
        )
    values: dict[str, Any] = {"state": round_state}
    if round_state not in (RoundState.DRAFT, RoundState.CHECKIN):
        values.update(due_count=5, present_count=len(checked_in) or 4, ballots_issued=4)
    Round.objects.filter(pk=round_.pk).update(**values)
    round_.refresh_from_db()
    return election, round_


# The objects the grants judge on (made once, by this module's populate).
DRAFTED, CHECKING_IN, VOTING, PUBLISHED = (
    "election_drafted_a",
    "election_checkin_a",
    "election_voting_a",
    "election_published_a",
)


def populate_grant_objects(province: TinyProvince) -> None:
    province.issues[DRAFTED] = election_with_round(province, state=ElectionState.DRAFT)[0]
    province.issues[CHECKING_IN] = election_with_round(province, RoundState.CHECKIN)[1]
    province.issues[VOTING] = election_with_round(
        province, RoundState.VOTING, checked_in=("student_a",)
    )[1]
    province.issues[PUBLISHED] = election_with_round(
        province, RoundState.COUNTED, state=ElectionState.PUBLISHED
    )[0]


def _on(key: str) -> Any:
    return lambda p: p.issues[key]


ADVISOR, CHIEF, TELLER = ["advisor_a"], ["student_a2"], ["officer_a"]
DELEGATES = ["student_a", "student_a2", "officer_a"]
# The union's officers, the school's advisor, the supervising city federation.
UNION_A_READERS = ["officer_a", "minister_a", "member_a", "advisor_a", "city_staff_1"]

GRANTS = [
    Grant(
        "create an election in school A's session",
        "congress.create_election",
        _on(SESSION),
        ADVISOR,
    ),
    Grant("set up school A's election", "congress.set_up_election", _on(DRAFTED), ADVISOR),
    Grant("publish school A's election", "congress.publish_election", _on(DRAFTED), ADVISOR),
    Grant(
        "read school A's running election",
        "congress.view_election",
        _on(DRAFTED),
        sorted({*UNION_A_READERS, *DELEGATES}),
    ),
    Grant(
        "conduct a round of school A", "congress.conduct_round", _on(CHECKING_IN), ADVISOR + CHIEF
    ),
    Grant(
        "show the hall's check-in code",
        "congress.show_hall_code",
        _on(CHECKING_IN),
        ADVISOR + CHIEF + TELLER,
    ),
    Grant(
        "tick a delegate present",
        "congress.tick_attendance",
        _on(CHECKING_IN),
        ADVISOR + CHIEF + TELLER,
    ),
    Grant("enter a paper round's counts", "congress.enter_count", _on(VOTING), CHIEF + TELLER),
    Grant("check in to a round", "congress.check_in", _on(CHECKING_IN), DELEGATES),
    Grant("vote in a round (checked in)", "congress.vote", _on(VOTING), ["student_a"]),
    # Delegates now (matrix_proposal_writing gives student_a and student_a2 a current term).
    Grant("open 我的选举", "congress.open_my_elections", None, ["student_a", "student_a2"]),
]
