"""One generated issue's story: its path through the states, the moments of each step,
its clocks and its supporters. Pure: the same random stream gives the same story.

    submitted ─► accepted ─► started | referred ─► answered ─► fed_back ─► rated | auto_closed
        ├─► declined (不予受理)   ├─► withdrawn   └─► merged
A story whose next step would fall after `now` stops there: recent issues stay open."""

import datetime
import random
from dataclasses import dataclass, field

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
RATINGS = (("satisfied", 70), ("basically", 20), ("dissatisfied", 10))
STATUS_AFTER = {
    "submitted": "submitted",
    "accepted": "accepted",
    "declined": "not_handled",
    "withdrawn": "withdrawn",
    "merged": "merged",
    "started": "in_progress",
    "referred": "referred",
    "answered": "answered",
    "fed_back": "fed_back",
    "rated": "closed",
    "auto_closed": "closed",
}
FIRST_REPLY_DUE = 24 * HOUR
ANSWER_DUE = 7 * DAY  # five working days, as calendar days


@dataclass
class Story:
    steps: list[tuple[str, datetime.datetime]] = field(default_factory=list)
    rating: str = ""

    @property
    def status(self) -> str:
        return STATUS_AFTER[self.steps[-1][0]]

    def at(self, kind: str) -> datetime.datetime | None:
        return next((when for step, when in self.steps if step == kind), None)

    @property
    def last(self) -> datetime.datetime:
        return self.steps[-1][1]


def _path(rng: random.Random) -> list[str]:
    roll = rng.random()
    if roll < 0.06:
        return ["submitted", "declined"]
    if roll < 0.08:
        return ["submitted", "merged"]
    if roll < 0.11:
        return ["submitted", "accepted", "withdrawn"]
    middle = "referred" if rng.random() < 0.35 else "started"
    end = "rated" if rng.random() < 0.85 else "auto_closed"
    return ["submitted", "accepted", middle, "answered", "fed_back", end]


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


def story_of(rng: random.Random, created: datetime.datetime, now: datetime.datetime) -> Story:
    story = Story([("submitted", created)])
    when = created
    for kind in _path(rng)[1:]:
        low, high, unit = GAPS[kind]
        when = when + unit * rng.uniform(low, high)
        if when >= now:
            break
        story.steps.append((kind, when))
    if story.steps[-1][0] == "rated":
        story.rating = rng.choices([r for r, _ in RATINGS], [w for _, w in RATINGS])[0]
    elif story.steps[-1][0] == "auto_closed":
        story.rating = "unrated"
    return story


def clocks_of(story: Story) -> list[tuple[str, datetime.datetime, datetime.datetime | None, bool]]:
    """(clock, started, stopped, cancelled) for the first-reply and answer clocks."""
    created = story.steps[0][1]
    reply = next((w for k, w in story.steps[1:2]), None)
    withdrawn = story.steps[-1][0] == "withdrawn"
    clocks = [("first_reply", created, reply, False)]
    accepted = story.at("accepted")
    if accepted is not None:
        answered = story.at("answered")
        stopped = story.at("withdrawn") if withdrawn else answered
        clocks.append(("answer", accepted, stopped, withdrawn))
    return clocks


def due_of(clock: str, started: datetime.datetime) -> datetime.datetime:
    return started + (FIRST_REPLY_DUE if clock == "first_reply" else ANSWER_DUE)
