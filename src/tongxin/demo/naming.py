"""Plausible, fictional personal details drawn from the seeded random generator."""

import itertools
import random

from tongxin.accounts.models import PoliticalStatus

from .catalogue import GIVEN_CHARS, PHONE_PREFIXES, SURNAMES

# Common surnames come up more often (weight falls with rank).
_SURNAME_WEIGHTS = list(itertools.accumulate(1.0 / (rank + 4) for rank in range(len(SURNAMES))))

# Political status mixes (status, weight): students at large, graduate students, officers.
STUDENT_MIX = [
    (PoliticalStatus.LEAGUE_MEMBER, 70),
    (PoliticalStatus.MASSES, 25),
    (PoliticalStatus.PROBATIONARY_PARTY, 3),
    (PoliticalStatus.PARTY_MEMBER, 2),
]
GRADUATE_MIX = [
    (PoliticalStatus.LEAGUE_MEMBER, 50),
    (PoliticalStatus.PARTY_MEMBER, 32),
    (PoliticalStatus.PROBATIONARY_PARTY, 6),
    (PoliticalStatus.MASSES, 12),
]
OFFICER_MIX = [
    (PoliticalStatus.LEAGUE_MEMBER, 80),
    (PoliticalStatus.PROBATIONARY_PARTY, 12),
    (PoliticalStatus.PARTY_MEMBER, 8),
]
TEACHER_MIX = [(PoliticalStatus.PARTY_MEMBER, 85), (PoliticalStatus.MASSES, 15)]
ELIGIBLE_STATUSES = (
    PoliticalStatus.LEAGUE_MEMBER,
    PoliticalStatus.PROBATIONARY_PARTY,
    PoliticalStatus.PARTY_MEMBER,
)


class Namer:
    """Draws names, phones and political statuses; every draw comes from `rng`."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person_name(self) -> str:
        surname = self.rng.choices(SURNAMES, cum_weights=_SURNAME_WEIGHTS)[0]
        length = 1 if self.rng.random() < 0.3 else 2
        return surname + "".join(self.rng.choice(GIVEN_CHARS) for _ in range(length))

    def phone(self) -> str:
        """Eleven digits with "0000" in the middle: looks masked, belongs to nobody."""
        return f"{self.rng.choice(PHONE_PREFIXES)}0000{self.rng.randrange(10_000):04d}"

    def status(self, mix: list[tuple[PoliticalStatus, int]]) -> str:
        statuses = [status for status, _weight in mix]
        weights = [weight for _status, weight in mix]
        return str(self.rng.choices(statuses, weights=weights)[0])
