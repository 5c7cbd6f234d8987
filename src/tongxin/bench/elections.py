"""The elections' side of `bench/run` (issue 15): a vote burst — every delegate of one
school's round voting within the scenario's time over concurrent connections, each one
submitting the ballot twice (the second is refused: 你已投过票).

Set up by `tongxin bench prepare` through the ORM (as the generators do): in the proposal
scenarios' session (its confirmed list, bench/proposals.py) up to VOTERS students of the
persona school become delegates, and a NEW election of that session gets round 1 in voting
with all of them checked in (each prepare: a fresh round, since a delegate votes once).
`tongxin bench ballots --round N` counts what the nothing-lost / nothing-doubled check
compares (bench/elections.py on the client side): the voter register, the round's
ballots_cast, and every candidate's 赞成 + 不赞成 + 弃权 — all equal.
"""

from typing import Any

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from tongxin.accounts.models import Membership, Role, User
from tongxin.congress.election_models import (
    Attendance,
    AttendanceMethod,
    Election,
    ElectionCandidate,
    ElectionState,
    Round,
    RoundState,
    RoundTally,
    VoterRegister,
)
from tongxin.congress.models import Delegate, DelegateList, Session
from tongxin.congress.services.election_common import new_round

VOTERS = 120  # the burst: every one of them votes (fewer at a small scale)
CANDIDATES = 3
SEATS = 2


def _students(school_id: int, count: int) -> list[User]:
    members = (
        Membership.objects.active()
        .filter(role=Role.STUDENT, school_id=school_id)
        .select_related("user__school")
        .order_by("user_id")[:count]
    )
    return [m.user for m in members]


@transaction.atomic
def prepare(session_id: int, advisor: User, login: Any) -> dict[str, Any]:
    """A new election of the session with round 1 voting, its voters checked in; the
    personas JSON's part for the vote burst."""
    session = Session.objects.get(pk=session_id)
    dl = DelegateList.objects.get(session=session)
    people = _students(session.school_id, VOTERS + CANDIDATES)
    if len(people) < CANDIDATES + 6:
        raise LookupError("no school with enough active students for the vote burst")
    for user in people:
        Delegate.objects.get_or_create(
            delegate_list=dl,
            user=user,
            defaults={"school_id": session.school_id, "unit_id": user.college_id or dl.union_id},
        )
    standing, voters = people[:CANDIDATES], people[CANDIDATES:]
    election = Election.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        title="主席团成员（压测）",
        seats=SEATS,
        state=ElectionState.RUNNING,
        created_by=advisor,
    )
    candidates = [
        ElectionCandidate.objects.create(
            election=election, school_id=session.school_id, user=u, order=i
        )
        for i, u in enumerate(standing)
    ]
    round_ = new_round(election, kind="first", seats=SEATS, candidates=candidates)
    now = timezone.now()
    Attendance.objects.bulk_create(
        Attendance(
            round=round_,
            school_id=session.school_id,
            user=u,
            method=AttendanceMethod.TELLER,
            ticked_by=advisor,
            checked_in_at=now,
        )
        for u in voters
    )
    Round.objects.filter(pk=round_.pk).update(
        state=RoundState.VOTING,
        due_count=len(people),
        present_count=len(voters),
        ballots_issued=len(voters),
        checkin_at=now,
        opened_at=now,
    )
    return {
        "vote_round": round_.pk,
        "vote_candidates": [c.pk for c in candidates],
        "voters": [login(u) for u in voters],
    }


def counts(round_id: int) -> dict[str, Any]:
    """What the check compares before and after the burst (not timed)."""
    round_ = Round.objects.get(pk=round_id)
    tallies = RoundTally.objects.filter(round_id=round_id)
    sums = [
        t["n"] for t in tallies.annotate(n=F("yes") + F("no") + F("abstain")).values("n").order_by()
    ]
    return {
        "register": VoterRegister.objects.filter(round_id=round_id).count(),
        "ballots_cast": round_.ballots_cast,
        "blank_ballots": round_.blank_ballots,
        "yes": tallies.aggregate(n=Sum("yes"))["n"] or 0,
        "per_candidate_sums": sums,
    }
