"""One generated issue's story: the moments of each step of its path, and its clocks.
Pure: the same random stream gives the same story. The path, the state each step leaves
and the clock each state runs are the rights generator's (tongxin.rights.generator:
fates.draw_steps, paths.walk, paths.clock_runs over rights.machine.ISSUE); only the
moments are the benchmark's own.

    submitted ─► accepted ─► started | referred (─► returned ─► referred) ─► answered
        ─► fed_back ─► rated | auto_closed | reopened ─► … ─► rated
        ├─► declined (不予受理)   ├─► withdrawn   └─► merged
A story whose next step would fall after `now` stops there: recent issues stay open.

Moments are whole seconds since the Unix epoch (UTC), not datetimes: the generator
writes millions of them, and datetime arithmetic and time-zone handling were most of
its time (cProfile, docs/performance.md)."""

import random
from dataclasses import dataclass, field

from tongxin.rights.generator.fates import draw_steps
from tongxin.rights.generator.paths import FIRST, clock_runs, walk
from tongxin.rights.models import OPEN_STATUSES, Clock, Rating

HOUR = 3600
DAY = 24 * HOUR
REFER_SHARE = 0.35  # of the accepted issues the union does not handle itself
# When each clock falls due after it starts: the settings' working days as calendar days.
DUE: dict[str, int] = {
    Clock.FIRST_REPLY: 24 * HOUR,
    Clock.DECIDE: 4 * DAY,  # three working days
    Clock.ANSWER: 7 * DAY,  # five working days
    Clock.FEEDBACK: 2 * DAY,  # one working day
}

# Steps are named by the timeline's verbs, which come from the transition table.
GAPS = {
    "accepted": (1, 30, HOUR),
    "declined": (1, 30, HOUR),
    "merged": (1, 30, HOUR),
    "withdrawn": (1, 5, DAY),
    "started": (2, 48, HOUR),
    "referred": (2, 48, HOUR),
    "returned": (2, 48, HOUR),
    "answered": (1, 8, DAY),
    "fed_back": (2, 24, HOUR),
    "rated": (1, 7, DAY),
    "reopened": (1, 7, DAY),
    "auto_closed": (7, 7, DAY),
}
# (low, width) in seconds, so one step costs one multiply: low + width * random()
_SPANS = {kind: (low * unit, (high - low) * unit) for kind, (low, high, unit) in GAPS.items()}


@dataclass
class Story:
    steps: list[tuple[str, int]] = field(default_factory=list)  # (timeline verb, moment)
    states: list[str] = field(default_factory=list)  # the state after each step
    rating: str = ""
    decline_reason: str = ""

    @property
    def status(self) -> str:
        return self.states[-1]

    def at(self, kind: str) -> int | None:
        """When the step was last taken (a reopened issue is answered twice)."""
        for step, when in reversed(self.steps):
            if step == kind:
                return when
        return None

    @property
    def last(self) -> int:
        return self.steps[-1][1]

    @property
    def closed(self) -> bool:
        return self.status not in OPEN_STATUSES


def story_of(rng: random.Random, created: int, now: int) -> Story:
    """The steps of an issue submitted at `created`, cut at `now` (seconds): the rights
    generator's path (its shares), taken through the transition table."""
    story = Story([("submitted", created)], [FIRST])
    path = draw_steps(rng, referable=True, refer_share=REFER_SHARE)
    when = created
    random_ = rng.random
    for step, taken in zip(path, walk(path), strict=True):
        low, width = _SPANS[taken.kind]
        when = when + int(low + width * random_())
        if when >= now:
            break
        story.steps.append((taken.kind, when))
        story.states.append(taken.state)
        if step.kind == "decline":
            story.decline_reason = step.arg
        elif step.kind == "rate":
            story.rating = step.arg
        elif step.kind == "auto_close":
            story.rating = Rating.UNRATED
    return story


def clocks_of(story: Story) -> list[tuple[str, int, int | None, bool]]:
    """(clock, started, stopped, cancelled): the clocks the table runs in the story's
    states; a withdrawal cancels the one it stops before it fell due."""
    moments = [when for _kind, when in story.steps]
    runs = clock_runs(list(zip(story.states, moments, strict=True)))
    withdrawn = story.steps[-1][0] == "withdrawn"
    return [
        (
            clock,
            started,
            stopped,
            withdrawn and stopped == story.last and due_of(clock, started) > stopped,
        )
        for clock, started, stopped in runs
    ]


def due_of(clock: str, started: int) -> int:
    return started + DUE[clock]
