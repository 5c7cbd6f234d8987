"""One generated issue's story: its path through the states, the moments of each step,
its clocks and its supporters. Pure: the same random stream gives the same story.

    submitted ─► accepted ─► started | referred ─► answered ─► fed_back ─► rated | auto_closed
        ├─► declined (不予受理)   ├─► withdrawn   └─► merged
A story whose next step would fall after `now` stops there: recent issues stay open.

Moments are whole seconds since the Unix epoch (UTC), not datetimes: the generator
writes millions of them, and datetime arithmetic and time-zone handling were most of
its time (cProfile, docs/performance.md)."""

import random
from dataclasses import dataclass, field

from tongxin.rights.machine import ISSUE
from tongxin.rights.models import OPEN_STATUSES

HOUR = 3600
DAY = 24 * HOUR
RATINGS = ("satisfied", "basically", "dissatisfied")
RATING_WEIGHTS = (70, 90, 100)  # cumulative: 70 / 20 / 10 %
# A story's steps are named by the transition table's verbs ("accepted"); the state each
# leaves the issue in, and which of them close it, come from the table too.
STATUS_AFTER: dict[str, str] = {a.done: str(a.dst[0]) for a in ISSUE.actions if a.dst}
CLOSING = frozenset(kind for kind, state in STATUS_AFTER.items() if state not in OPEN_STATUSES)
FIRST_REPLY_DUE = 24 * HOUR
ANSWER_DUE = 7 * DAY  # five working days, as calendar days

GAPS = {
    "accepted": (1, 30, HOUR),
    "declined": (1, 30, HOUR),
    "merged": (1, 30, HOUR),
    "withdrawn": (1, 5, DAY),
    "started": (2, 48, HOUR),
    "referred": (2, 48, HOUR),
    "answered": (1, 8, DAY),
    "fed_back": (2, 24, HOUR),
    "rated": (1, 7, DAY),
    "auto_closed": (7, 7, DAY),
}
# (low, width) in seconds, so one step costs one multiply: low + width * random()
_SPANS = {kind: (low * unit, (high - low) * unit) for kind, (low, high, unit) in GAPS.items()}


@dataclass
class Story:
    steps: list[tuple[str, int]] = field(default_factory=list)
    rating: str = ""

    @property
    def status(self) -> str:
        return STATUS_AFTER[self.steps[-1][0]]

    def at(self, kind: str) -> int | None:
        for step, when in self.steps:
            if step == kind:
                return when
        return None

    @property
    def last(self) -> int:
        return self.steps[-1][1]

    @property
    def closed(self) -> bool:
        return self.steps[-1][0] in CLOSING


def _path(rng: random.Random) -> tuple[str, ...]:
    roll = rng.random()
    if roll < 0.06:
        return ("submitted", "declined")
    if roll < 0.08:
        return ("submitted", "merged")
    if roll < 0.11:
        return ("submitted", "accepted", "withdrawn")
    middle = "referred" if rng.random() < 0.35 else "started"
    end = "rated" if rng.random() < 0.85 else "auto_closed"
    return ("submitted", "accepted", middle, "answered", "fed_back", end)


def story_of(rng: random.Random, created: int, now: int) -> Story:
    """The steps of an issue submitted at `created`, cut at `now` (seconds)."""
    steps = [("submitted", created)]
    when = created
    random_ = rng.random
    for kind in _path(rng)[1:]:
        low, width = _SPANS[kind]
        when = when + int(low + width * random_())
        if when >= now:
            break
        steps.append((kind, when))
    story = Story(steps)
    last = steps[-1][0]
    if last == "rated":
        roll = rng.random() * 100
        story.rating = next(r for r, w in zip(RATINGS, RATING_WEIGHTS, strict=True) if roll < w)
    elif last == "auto_closed":
        story.rating = "unrated"
    return story


def clocks_of(story: Story) -> list[tuple[str, int, int | None, bool]]:
    """(clock, started, stopped, cancelled) for the first-reply and answer clocks."""
    steps = story.steps
    created = steps[0][1]
    reply = steps[1][1] if len(steps) > 1 else None
    clocks: list[tuple[str, int, int | None, bool]] = [("first_reply", created, reply, False)]
    accepted = story.at("accepted")
    if accepted is not None:
        withdrawn = steps[-1][0] == "withdrawn"
        stopped = steps[-1][1] if withdrawn else story.at("answered")
        clocks.append(("answer", accepted, stopped, withdrawn))
    return clocks


def due_of(clock: str, started: int) -> int:
    return started + (FIRST_REPLY_DUE if clock == "first_reply" else ANSWER_DUE)
