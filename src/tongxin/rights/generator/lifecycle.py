"""One issue's life, played step by step as the rights services would have recorded it.

A `Fate` lists what will happen (accept, refer, answer, feed back, rate …); `Life` gives
each step a moment — inside the running clock when the deadline is met, past it when
missed — and stops at the first step that would lie after `until`: an issue submitted
last night is still 已提交, one from last spring long closed. Clocks start and stop
exactly as rights.services.clocks does; while a clock runs past its due instant the
worker's reminders and escalations (督办) are written at the moments the worker would
have raised them; an issue left unrated is closed by the worker after seven days.
"""

import datetime
from dataclasses import dataclass, field

from tongxin.rights.machine import ISSUE
from tongxin.rights.models import Clock
from tongxin.rights.services.escalation import LEVEL_TEXT, MAX_LEVEL

from . import content as words
from .cast import Post, SchoolCast
from .content import Content
from .fates import Fate, Step
from .issues import SYSTEM, SYSTEM_LABEL, ClockSpec, EventSpec, InputSpec, IssueSpec
from .steps import STEPS, auto_close
from .world import World

MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
AUTO_CLOSE = datetime.timedelta(days=7)  # RightsSettings.auto_close_days
FIRST_REPLY = datetime.timedelta(hours=24)  # RightsSettings.first_reply_hours
WORKDAYS: dict[str, int] = {Clock.DECIDE: 3, Clock.FEEDBACK: 1}  # answer: 5, urgent 2
BONUS: dict[str, float] = {Clock.DECIDE: 0.03, Clock.ANSWER: -0.04, Clock.FEEDBACK: 0.04}
PUBLISHABLE = set(ISSUE.action("publish").src)
AUTO_CLOSABLE = set(ISSUE.action("auto-close").src)  # the worker closes what was not rated


class Stop(Exception):
    """The next step lies after `until`: the issue stays where it is."""


@dataclass
class Life:
    world: World
    issue: IssueSpec
    content: Content
    school: SchoolCast
    fate: Fate
    now: datetime.datetime = field(init=False)
    running: ClockSpec | None = None
    acting: Post | None = None
    answered_by: str = ""  # the office kind that gave the latest answer ("": the union)
    pending: list[InputSpec] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.now = self.issue.submitted_at

    # --- the story ------------------------------------------------------------------

    def play(self) -> IssueSpec:
        self.reporter_event(self.now, "submitted")
        state, clock = ISSUE.entering("submit")
        self.issue.status = state
        if clock is not None:
            self.start_clock(clock, self.now)
        try:
            for step in self.fate.steps:
                STEPS[step.kind](self, step)
        except Stop:
            pass
        self.worker_closes_unrated()
        self.finish()
        self.publish()
        self.issue.events.sort(key=lambda e: e.at)
        return self.issue

    def finish(self) -> None:
        self.flush_inputs(self.world.until)
        run = self.running
        if run is not None:
            self.escalate(run, self.world.until)
            self.issue.due_at, self.issue.escalation_level = run.due_at, run.escalation_level

    def worker_closes_unrated(self) -> None:
        fed = self.issue.fed_back_at
        if (
            self.issue.status in AUTO_CLOSABLE
            and fed
            and fed + AUTO_CLOSE + HOUR < self.world.until
        ):
            auto_close(self, Step("auto_close"))

    # --- moments --------------------------------------------------------------------

    def move_to(self, moment: datetime.datetime) -> datetime.datetime:
        if moment >= self.world.until:
            raise Stop
        self.now = max(moment, self.now + MINUTE)
        return self.now

    def met(self, step: Step, clock: str) -> bool:
        if step.late is not None:
            return not step.late
        chance = self.world.diligence[self.school.code] + BONUS.get(clock, 0.0)
        return self.world.rng.random() < chance

    def on_clock(self, step: Step, office: bool) -> datetime.datetime:
        """The moment of a union (or office) step on the running clock."""
        rng, clock = self.world.rng, self.world.clock
        run = self.running
        assert run is not None, "a handling step needs a running clock"
        snap = clock.office_hours if office else clock.awake
        window = run.due_at - self.now
        if window <= MINUTE:
            return self.move_to(snap(rng, self.now + self.world.overdue()))
        if self.fate.quick:  # scripted: within a few (office) hours, always in time
            moment = snap(rng, self.now + HOUR * rng.uniform(0.3, 3))
            return self.move_to(min(moment, self.now + window / 2))
        if not self.met(step, run.clock):
            return self.move_to(snap(rng, run.due_at + self.world.overdue()))
        fraction = rng.betavariate(1.3, 3.0)
        early = self.now + window * fraction
        moment = snap(rng, early)
        if moment > run.due_at:
            moment = self.latest_before_due(run, office) or early
        return self.move_to(moment)

    def latest_before_due(self, run: ClockSpec, office: bool) -> datetime.datetime | None:
        """An office that meets its deadline acts in office hours of the last day at worst."""
        if not office:
            return None
        clock, rng = self.world.clock, self.world.rng
        due_day = clock.local(run.due_at).date()  # a working day: due at its end
        moment = clock.at(due_day, datetime.time(9)) + MINUTE * rng.randrange(480)
        return moment if moment > self.now else None

    def student_moment(self, low: float, high: float) -> datetime.datetime:
        rng = self.world.rng
        return self.move_to(self.world.clock.awake(rng, self.now + HOUR * rng.uniform(low, high)))

    # --- people ---------------------------------------------------------------------

    def officer(self, moment: datetime.datetime) -> Post:
        cast, day = self.world.cast, self.world.clock.local(moment).date()
        if self.acting is None or not cast.keeps(self.acting, self.issue.union, day):
            self.acting = self.scripted(self.fate.officer, day) or cast.officer(
                self.world.rng, self.issue.union, day, avoid=self.issue.reporter
            )
        return self.acting

    def scripted(self, username: str | None, day: datetime.date) -> Post | None:
        if username is None or username == self.issue.reporter:
            return None
        posts = self.world.cast.officers.get(self.issue.union, [])
        return next((p for p in posts if p.username == username and p.holds_on(day)), None)

    def handler(self, office: str, moment: datetime.datetime) -> Post:
        day = self.world.clock.local(moment).date()
        posts = self.world.cast.handlers.get(office, [])
        chosen = next((p for p in posts if p.username == self.fate.handler), None)
        return chosen or self.world.cast.handler(self.world.rng, office, day)

    def event(
        self,
        moment: datetime.datetime,
        kind: str,
        post: Post,
        text: str = "",
        internal: bool = False,
    ) -> None:
        """common.actor_label: the reporter of an anonymous issue appears sealed even when
        they act in another role (a tiny union may have no one else)."""
        if post.username == self.issue.reporter:
            self.reporter_event(moment, kind, text, internal)
            return
        self.issue.events.append(EventSpec(moment, kind, post.username, post.name, text, internal))

    def reporter_event(
        self, moment: datetime.datetime, kind: str, text: str = "", internal: bool = False
    ) -> None:
        issue = self.issue
        if issue.anonymous:  # the sealed pseudonym, never the person (common.record)
            event = EventSpec(moment, kind, None, issue.pseudonym, text, internal)
        else:
            event = EventSpec(moment, kind, issue.reporter, issue.reporter_name, text, internal)
        issue.events.append(event)

    def system_event(self, moment: datetime.datetime, kind: str, text: str = "") -> None:
        internal = kind in {"reminded", "escalated"}
        self.issue.events.append(EventSpec(moment, kind, SYSTEM, SYSTEM_LABEL, text, internal))

    # --- clocks ---------------------------------------------------------------------

    def start_clock(self, clock: str, moment: datetime.datetime) -> None:
        self.stop_clock(moment)
        if clock == Clock.FIRST_REPLY:
            due = moment + FIRST_REPLY
        elif clock == Clock.ANSWER:
            due = self.world.clock.due_after(moment, 2 if self.issue.is_urgent else 5)
        else:
            due = self.world.clock.due_after(moment, WORKDAYS[clock])
        self.running = ClockSpec(clock, moment, due)
        self.issue.clocks.append(self.running)

    def stop_clock(self, moment: datetime.datetime, *, cancelled: bool = False) -> None:
        """clocks.stop_running: a withdrawal cancels a clock that has not fallen due."""
        run = self.running
        if run is not None:
            self.escalate(run, moment)
            run.stopped_at = moment
            run.cancelled = cancelled and run.due_at > moment
            self.running = None

    def escalate(self, run: ClockSpec, end: datetime.datetime) -> None:
        """The worker's reminder and escalations while `run` was overdue, before `end`."""
        for level, moment in self.world.escalations(run.due_at, end):
            run.escalation_level = level
            self.issue.escalated_to_city |= level == MAX_LEVEL
            text = f"{Clock(run.clock).label}时限{LEVEL_TEXT[level]}"
            self.system_event(moment, "reminded" if level == 1 else "escalated", text)

    def flush_inputs(self, end: datetime.datetime) -> None:
        """Co-offices' inputs given while the issue was with the offices."""
        self.issue.inputs += [i for i in self.pending if i.at < end]
        for given in self.pending:
            if given.at < end:
                post = self.world.cast.handlers[given.office]
                name = next(p.name for p in post if p.username == given.author)
                self.issue.events.append(
                    EventSpec(given.at, "office_input_added", given.author, name, given.text, True)
                )
        self.pending = []

    def publish(self) -> None:
        issue, world = self.issue, self.world
        answered = issue.answered_at
        if not issue.consent or answered is None or issue.status not in PUBLISHABLE:
            return
        wanted = self.fate.publish
        if wanted is None:
            wanted = world.rng.random() < words.PROFILES[issue.category].publish_share
        moment = world.echo_wall_day(answered) if wanted else None
        if moment is not None and moment < world.until:
            issue.published_at = moment
            self.event(moment, "published", self.officer(moment))
