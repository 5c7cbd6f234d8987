"""Set-up shared by every elections part's tests: a session of school A's union with a
confirmed delegate list, an election of its presidium running with round 1 in draft
(through the ORM and election_common, as set-up: each step's own service is tested by the
part that owns it), and shortcuts that move a round along without the services."""

from django.utils import timezone

from tongxin.accounts.models import User
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
from tongxin.congress.services.election_common import new_round
from tongxin.testing.province import TinyProvince

from .delegate_world import add_students, approved_session
from .proposal_factories_writing import confirm_delegates


class ElectionWorld:
    """School A's union session with `size` delegates (student_a first, then students of
    college A1); the first `candidates` delegates stand for `seats` seats; the next two are
    scrutineers (the first of them chief); `voters` are the delegates who are neither."""

    def __init__(
        self,
        province: TinyProvince,
        *,
        size: int = 9,
        candidates: int = 3,
        seats: int = 2,
        mode: str = ElectionMode.ELECTRONIC,
        first_number: int = 3201000,
    ) -> None:
        self.province = province
        self.advisor: User = province.advisor_a
        self.session = approved_session(province, seats=size)
        more = add_students(province, 1, size - 1, first_number)
        self.delegates: list[User] = [province.people["student_a"], *more]
        self.list = confirm_delegates(self.session, self.delegates)
        self.election = Election.objects.create(
            session=self.session,
            school_id=self.session.school_id,
            union_id=self.session.union_id,
            seats=seats,
            mode=mode,
            state=ElectionState.RUNNING,
            created_by=self.advisor,
        )
        self.candidate_users = self.delegates[:candidates]
        self.candidates = [
            ElectionCandidate.objects.create(
                election=self.election, school_id=self.session.school_id, user=u, order=i
            )
            for i, u in enumerate(self.candidate_users)
        ]
        self.chief, self.teller = self.delegates[candidates : candidates + 2]
        Scrutineer.objects.create(
            election=self.election, school_id=self.session.school_id, user=self.chief, is_chief=True
        )
        Scrutineer.objects.create(
            election=self.election, school_id=self.session.school_id, user=self.teller
        )
        self.voters = self.delegates[candidates + 2 :]
        self.outsider: User = add_students(province, 1, 1, first_number + 900)[0]
        self.round = new_round(self.election, kind="first", seats=seats, candidates=self.candidates)

    def fresh_round(self) -> Round:
        self.round = Round.objects.get(pk=self.round.pk)
        return self.round

    def check_in(self, users: list[User], round_: Round | None = None) -> None:
        """Set-up: `users` present (as a teller would tick them), the round in check-in."""
        round_ = round_ or self.round
        Round.objects.filter(pk=round_.pk, state=RoundState.DRAFT).update(
            state=RoundState.CHECKIN, checkin_at=timezone.now()
        )
        Attendance.objects.bulk_create(
            Attendance(
                round=round_,
                school_id=round_.school_id,
                user=u,
                method=AttendanceMethod.TELLER,
                ticked_by=self.advisor,
            )
            for u in users
        )

    def open_voting(self, present: list[User] | None = None, round_: Round | None = None) -> Round:
        """Set-up: `present` (default: every delegate) checked in, the round voting with its
        snapshot taken."""
        round_ = round_ or self.round
        present = self.delegates if present is None else present
        self.check_in(present, round_)
        Round.objects.filter(pk=round_.pk).update(
            state=RoundState.VOTING,
            due_count=len(self.delegates),
            present_count=len(present),
            ballots_issued=len(present),
            opened_at=timezone.now(),
        )
        return Round.objects.get(pk=round_.pk)
