"""An issue's path through the transition table (rights.machine.ISSUE), for every generator.

    fates.draw_steps(rng, …) ──► [accept, refer, answer, feed_back, rate(满意)]
    walk(steps) ──► each step as the table takes it: the action (submitted ── accept ──►
                    accepted), the timeline's verb, the state it leaves, the clock it runs
    clock_runs([(state, moment), …]) ──► the clocks those states ran, started and stopped

The demo (lifecycle.py, steps.py: people, words, working hours, escalations) and the
benchmark (tongxin.bench.story: integer seconds, millions of issues) take the same paths;
neither names a state or a clock of its own.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from tongxin.rights.machine import ISSUE
from tongxin.rights.models import OPEN_STATUSES, Status

from .fates import Step

T = TypeVar("T")

# A drawn step → the table's actions it may be (the first one the current state allows),
# the target it takes, and the timeline's verb when that is not the action's own.
STEP_ACTIONS: dict[str, tuple[tuple[str, ...], int, str]] = {
    "accept": (("accept",), 0, ""),
    "decline": (("decline",), 0, ""),
    "merge": (("merge",), 0, ""),
    "withdraw": (("withdraw",), 0, ""),
    "start": (("start",), 0, ""),
    "refer": (("refer",), 0, ""),
    "return": (("return",), 0, ""),
    "answer": (("answer", "office-answer"), 0, ""),  # the union's, or the lead office's
    "feed_back": (("feed-back",), 0, ""),
    "rate": (("rate",), 0, ""),
    "reopen": (("rate",), 1, "reopened"),  # 不满意 the first time: back to 已受理
    "auto_close": (("auto-close",), 0, ""),
}
FIRST = Status.SUBMITTED  # where every issue starts (the table's "submit")


@dataclass(frozen=True, slots=True)
class Taken:
    """One step as the table takes it from a state."""

    action: str  # the table's action: "office-answer"
    kind: str  # the timeline's verb: "answered"
    state: str  # the state it leaves the issue in
    clock: str | None  # the clock that state runs (None: none)

    @property
    def closes(self) -> bool:
        return self.state not in OPEN_STATUSES


@cache
def take(kind: str, state: str) -> Taken:
    """The drawn step `kind` taken in `state`; ValueError when the table does not allow it
    there (a path the services would refuse)."""
    names, outcome, verb = STEP_ACTIONS[kind]
    for name in names:
        if state in ISSUE.action(name).src:
            after, clock = ISSUE.entering(name, outcome)
            return Taken(name, verb or ISSUE.action(name).done, after, clock)
    raise ValueError(f"{ISSUE.name}: no step {kind!r} from {state!r}")


def walk(steps: Iterable[Step], state: str = FIRST) -> list[Taken]:
    """Each step of a path in turn, from `state`."""
    taken = []
    for step in steps:
        taken.append(take(step.kind, state))
        state = taken[-1].state
    return taken


def clock_runs(states: Sequence[tuple[str, T]]) -> list[tuple[str, T, T | None]]:
    """(clock, started, stopped or None) for the states an issue went through, each with
    the moment it entered it (the first: its submission): entering a state stops the
    running clock and starts the state's own (ISSUE.running_clock)."""
    runs: list[tuple[str, T, T | None]] = []
    running: tuple[str, T] | None = None
    for state, moment in states:
        if running is not None:
            runs.append((running[0], running[1], moment))
            running = None
        clock = ISSUE.running_clock.get(state)
        if clock is not None:
            running = (clock, moment)
    if running is not None:
        runs.append((running[0], running[1], None))
    return runs
