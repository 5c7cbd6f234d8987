"""Set-up for elections' setup tests: a session of school A's union with a confirmed
delegate list, and presidium candidacies of union A standing for election (walked through
selection's services: decided by the Party committee, then `stand`)."""

from django.utils import timezone

from tongxin.accounts.models import User
from tongxin.congress.election_models import Election, Round, RoundState
from tongxin.congress.models import Session
from tongxin.congress.services import election_setup as svc
from tongxin.selection import services as selection
from tongxin.selection.models import Candidacy, State
from tongxin.selection.tests.factories import walk
from tongxin.testing.province import TinyProvince

from .delegate_world import add_students, approved_session
from .proposal_factories_writing import confirm_delegates


def standing(province: TinyProvince, count: int, first: int = 2023100) -> list[Candidacy]:
    """`count` presidium candidacies of union A for election."""
    found = []
    for i in range(count):
        decided = walk(province, State.DECIDED, number=str(first + i))
        found.append(
            selection.candidacy_stand(
                actor=province.advisor_a, candidacy=decided, expected_version=decided.version
            )
        )
    return found


class SetupWorld:
    def __init__(self, province: TinyProvince, *, delegates: int = 6, candidates: int = 3):
        self.province = province
        self.advisor: User = province.advisor_a
        self.session: Session = approved_session(province, seats=delegates)
        self.delegates = add_students(province, 1, delegates, 3301000)
        confirm_delegates(self.session, self.delegates)
        self.candidacies = standing(province, candidates)

    def create(self, seats: int = 2, mode: str = "electronic") -> Election:
        return svc.election_create(
            actor=self.advisor,
            session=self.session,
            seats=seats,
            mode=mode,
            write_ins_allowed=True,
        )

    def set_up(
        self,
        election: Election,
        *,
        candidacies: list[Candidacy] | None = None,
        scrutineers: list[User] | None = None,
        chief: User | None = None,
        seats: int | None = None,
    ) -> Election:
        scrutineers = self.delegates[:2] if scrutineers is None else scrutineers
        chief = scrutineers[0] if chief is None and scrutineers else chief
        chosen = self.candidacies if candidacies is None else candidacies
        return svc.election_set_up(
            actor=self.advisor,
            election=election,
            expected_version=election.version,
            setup=svc.Setup(
                seats=seats or election.seats,
                mode=election.mode,
                write_ins_allowed=True,
                candidacies=[c.pk for c in chosen],
                scrutineers=[u.pk for u in scrutineers],
                chief=chief.pk if chief else None,
            ),
        )

    def started(self, seats: int = 2) -> Election:
        election = self.set_up(self.create(seats))
        return svc.election_start(
            actor=self.advisor, election=election, expected_version=election.version
        )

    def counted(self, yes: list[int], present: int | None = None) -> Election:
        """Started, round 1 voted and decided (see count_round)."""
        return self.count_round(self.started(), yes, present)

    def count_round(
        self, election: Election, yes: list[int], present: int | None = None
    ) -> Election:
        """Round 1 voted (set-up: tallies written as a close would leave them) and decided
        through election_common.decide_round."""
        from django.db import transaction

        from tongxin.congress.services.election_common import decide_round

        round_ = election.rounds.get(number=1)
        present = len(self.delegates) if present is None else present
        Round.objects.filter(pk=round_.pk).update(
            state=RoundState.VOTING,
            due_count=len(self.delegates),
            present_count=present,
            ballots_issued=present,
            ballots_cast=present,
            opened_at=timezone.now(),
        )
        for tally, n in zip(round_.tallies.order_by("candidate__order"), yes, strict=True):
            tally.yes, tally.no, tally.abstain = n, present - n, 0
            tally.save()
        with transaction.atomic():
            decide_round(Round.objects.get(pk=round_.pk))
        return Election.objects.get(pk=election.pk)
