"""What every issue's life shares: the random generator, the calendar, the people, the
moment the story ends, each school's diligence, and the open issues of each queue (so
that a later issue can be merged into, or declined as a duplicate of, an earlier one)."""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field

from tongxin.rights.services.escalation import MAX_LEVEL

from .cast import Cast
from .content import Content
from .issues import IssueSpec
from .workclock import WorkClock

WORKER_EVERY = 300  # seconds: the escalation job runs every 5 minutes
LOOK_BACK = 40  # earlier issues of a queue searched for a merge target


@dataclass
class World:
    rng: random.Random
    clock: WorkClock
    cast: Cast
    until: datetime.datetime
    diligence: dict[str, float] = field(default_factory=dict)  # school code → P(deadline met)
    queues: dict[tuple[str, str], list[tuple[IssueSpec, Content]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def overdue(self) -> datetime.timedelta:
        """How late a missed deadline is met: mostly within a day, sometimes days."""
        roll, rng = self.rng.random(), self.rng
        if roll < 0.58:
            hours = rng.uniform(0.5, 16)
        elif roll < 0.96:
            hours = rng.uniform(16, 46)
        else:
            hours = rng.uniform(46, 160)
        return datetime.timedelta(hours=hours)

    def _tick(self) -> datetime.timedelta:
        return datetime.timedelta(seconds=self.rng.randrange(10, WORKER_EVERY))

    def escalations(
        self, due: datetime.datetime, end: datetime.datetime
    ) -> list[tuple[int, datetime.datetime]]:
        """(level, moment) the worker raised before `end` (rights.services.escalation:
        level 1 when due, then one more per working day overdue, up to the city)."""
        if end <= due:
            return []
        raised: list[tuple[int, datetime.datetime]] = []
        moment = due + self._tick()
        due_day = self.clock.local(due).date()
        for level in range(1, MAX_LEVEL + 1):
            if level > 1:
                day = self.clock.nth_after(due_day, level - 1)
                midnight = self.clock.at(day, datetime.time(0)) + self._tick()
                moment = max(moment + datetime.timedelta(seconds=WORKER_EVERY), midnight)
            if moment >= end:
                break
            raised.append((level, moment))
        return raised

    def echo_wall_day(self, answered: datetime.datetime) -> datetime.datetime:
        """Unions put answers on the echo wall weekly, on Friday evening."""
        day = self.clock.local(answered).date() + datetime.timedelta(days=1)
        day += datetime.timedelta(days=(4 - day.weekday()) % 7)
        minutes = self.rng.randrange(150)
        return self.clock.at(day, datetime.time(19)) + datetime.timedelta(minutes=minutes)

    def remember(self, issue: IssueSpec, content: Content) -> None:
        self.queues[(issue.union, issue.category)].append((issue, content))

    def open_in_queue(
        self, union: str, category: str, moment: datetime.datetime, scripted: bool = False
    ) -> tuple[IssueSpec, Content] | None:
        """The latest earlier issue of the same queue and category still open at `moment`
        (`scripted`: only among the scripted ones)."""
        for issue, content in reversed(self.queues.get((union, category), [])[-LOOK_BACK:]):
            if is_open_at(issue, moment) and (issue.scripted or not scripted):
                return issue, content
        return None


def is_open_at(issue: IssueSpec, moment: datetime.datetime) -> bool:
    closed = issue.closed_at
    return issue.submitted_at < moment and (closed is None or moment < closed)
