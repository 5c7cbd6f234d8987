"""Counting a round by the rules (DOMAIN.md §4), as a pure function.

A person is elected with MORE than half of the votes of the delegates PRESENT (not of the
ballots cast): yes × 2 > present. Of those over the line, the most votes take the seats; a
tie for the last seat elects nobody of the tied and asks for a run-off between them for the
seats left; seats nobody filled ask for a further round among the candidates not elected.
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Count:
    """What one round decided. Keys are whatever the caller counts by (tally ids, users)."""

    elected: list[Hashable] = field(default_factory=list)
    tied: list[Hashable] = field(default_factory=list)  # tied for the last seat: a run-off
    not_elected: list[Hashable] = field(default_factory=list)
    unfilled: int = 0  # seats nobody filled: a further round
    runoff_seats: int = 0  # seats the tied compete for in the run-off


def over_the_line(yes: int, present: int) -> bool:
    """More than half of the delegates present."""
    return yes * 2 > present


def count(seats: int, present: int, votes: Sequence[tuple[Hashable, int]]) -> Count:
    """Decide a round: `seats` to fill, `present` the attendance snapshot, `votes` each
    person's 赞成 (a write-in's count included)."""
    qualified = sorted(
        ((key, yes) for key, yes in votes if over_the_line(yes, present)),
        key=lambda kv: -kv[1],
    )
    below = [key for key, yes in votes if not over_the_line(yes, present)]
    if len(qualified) <= seats:
        return Count(
            elected=[key for key, _ in qualified],
            not_elected=below,
            unfilled=seats - len(qualified),
        )
    last_yes = qualified[seats - 1][1]
    above = [key for key, yes in qualified if yes > last_yes]
    at_line = [key for key, yes in qualified if yes == last_yes]
    beyond = [key for key, yes in qualified if yes < last_yes]
    if len(above) + len(at_line) == seats:  # no tie across the last seat
        return Count(elected=above + at_line, not_elected=beyond + below)
    return Count(
        elected=above,
        tied=at_line,
        not_elected=beyond + below,
        runoff_seats=seats - len(above),
    )


def quorum_met(present: int, due: int) -> bool:
    """More than two thirds of the delegates due to attend are present."""
    return due > 0 and present * 3 > due * 2


def competitive_enough(candidates: int, seats: int, percent: int) -> bool:
    """Candidates at least `percent` % of the seats (120: 20 % more candidates than seats)."""
    return candidates * 100 >= seats * percent and candidates > seats
