"""Clock kinds and their ladders, as data an app declares in its `registers.py`.

CLOCKS = [Clocks(IssueClock, kinds=[ClockKind("rights.answer", "答复", duration, ladder)])]

ladder: Rung(level 1, 0 working days overdue) ──► Rung(2, 1) ──► … (one rung per call)
        a rung with −n working days fires n working days before the deadline (a reminder)
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from django.utils.functional import Promise

from tongxin.core.registration import collect
from tongxin.workdays.calendar import (
    due_after_workdays,
    end_of_day,
    local_zone,
    nth_workday_after,
    workdays_between,
)

if TYPE_CHECKING:
    from .models import ClockRun
    from .services import Escalation, Recount

Label = str | Promise
Unit = Literal["workdays", "hours", "date"]


@dataclass(frozen=True)
class Workdays:
    """Due at the end of the n-th working day after the day the clock starts."""

    n: int


@dataclass(frozen=True)
class Hours:
    """Due n clock hours after the start (holidays count)."""

    n: int


@dataclass(frozen=True)
class Until:
    """Due at a moment the owner names (a round's deadline day chosen by a person)."""

    at: datetime.datetime


Duration = Workdays | Hours | Until
UNIT_OF: dict[type, Unit] = {Workdays: "workdays", Hours: "hours", Until: "date"}


def due_of(duration: Duration, start: datetime.datetime) -> datetime.datetime:
    if isinstance(duration, Workdays):
        return due_after_workdays(start, duration.n)
    if isinstance(duration, Hours):
        return start + datetime.timedelta(hours=duration.n)
    return duration.at


@dataclass(frozen=True)
class Rung:
    """One step of the ladder: reached `overdue_workdays` working days after the due day
    (0: as soon as the deadline passed; −n: from n working days before the due day)."""

    level: int
    overdue_workdays: int
    recipients: Callable[[Any], list[Any]]  # owner → the users told
    text: Label  # "已到期，请尽快办理": follows "<kind label>时限"
    page: Callable[[Any], str] | None = None  # owner → the page the notice links to


@dataclass(frozen=True)
class Ladder:
    rungs: Sequence[Rung] = ()

    def __post_init__(self) -> None:
        levels = [r.level for r in self.rungs]
        if levels != list(range(1, len(levels) + 1)):
            raise ValueError("a ladder's rungs are levels 1, 2, … in order")
        offsets = [r.overdue_workdays for r in self.rungs]
        if offsets != sorted(offsets):
            raise ValueError("a ladder's rungs never come earlier than the one below")

    @property
    def top(self) -> int:
        return len(self.rungs)

    @property
    def lead(self) -> int:
        """How many working days before the deadline the first reminder comes (0: none)."""
        return max([0, *(-r.overdue_workdays for r in self.rungs)])

    def rung(self, level: int) -> Rung:
        return self.rungs[level - 1]

    def level_at(self, due_at: datetime.datetime, now: datetime.datetime) -> int:
        """The highest rung reached at `now` for a clock due at `due_at`."""
        zone = local_zone()
        today, due_day = now.astimezone(zone).date(), due_at.astimezone(zone).date()
        overdue = workdays_between(due_day, today) if now > due_at else None
        ahead = workdays_between(today, due_day)  # 0 once the due day has come
        level = 0
        for rung in self.rungs:
            if rung.overdue_workdays >= 0:
                reached = overdue is not None and overdue >= rung.overdue_workdays
            else:
                reached = ahead <= -rung.overdue_workdays
            if reached:
                level = rung.level
        return level


def horizon(lead: int, now: datetime.datetime) -> datetime.datetime:
    """The latest deadline a reminder `lead` working days ahead may concern at `now`."""
    if lead == 0:
        return now
    return end_of_day(nth_workday_after(now.astimezone(local_zone()).date(), lead))


EscalateHook = Callable[["Escalation"], None]
RecountHook = Callable[["Recount"], None]


@dataclass(frozen=True)
class ClockKind:
    """One kind of clock. `name` is "<app>.<code>"; each run stores the code."""

    name: str
    label: Label  # "答复": the page says 答复时限
    duration: Callable[[Any], Duration]  # owner → how long (read from the app's settings)
    ladder: Ladder = field(default_factory=Ladder)
    # The owner's app writes its timeline line, audit event and notifications through these;
    # without one the kernel tells the rung's recipients and audits "<name>.escalated".
    on_escalate: EscalateHook | None = None
    on_recount: RecountHook | None = None
    unit: Unit = "workdays"  # only working-day clocks pause and follow a late calendar
    subject: Callable[[Any], str] = str  # owner → how the kernel's notices name it

    @property
    def code(self) -> str:
        return self.name.partition(".")[2]

    def text(self, level: int) -> str:
        return f"{self.label}时限{self.ladder.rung(level).text}"


@dataclass(frozen=True)
class Clocks:
    """An app's clock model (a ClockRun subclass) and the kinds its runs may be of."""

    model: "type[ClockRun]"
    kinds: Sequence[ClockKind]

    def kind(self, code: str) -> ClockKind:
        for kind in self.kinds:
            if kind.code == code:
                return kind
        raise KeyError(f"{self.model.__name__} has no clock kind {code!r}")

    @property
    def lead(self) -> int:
        return max([0, *(k.ladder.lead for k in self.kinds)])

    @property
    def top(self) -> int:
        return max([0, *(k.ladder.top for k in self.kinds)])


def registered() -> list[Clocks]:
    """Every app's CLOCKS (core.registration collects `registers.py`)."""
    return list(collect("CLOCKS"))


def clocks_of(model: "type[ClockRun]") -> Clocks:
    for entry in registered():
        if entry.model is model or entry.model._meta.label == model._meta.label:
            return entry
    raise LookupError(f"{model._meta.label} is not a registered clock model")


def kind_named(name: str) -> tuple[Clocks, ClockKind]:
    for entry in registered():
        for kind in entry.kinds:
            if kind.name == name:
                return entry, kind
    raise LookupError(f"no clock kind {name!r} is registered")
