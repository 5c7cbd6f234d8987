"""Issues with their timelines, clocks, supporters and sealed identities, in chunks.

Each chunk is generated from its own seeded random stream and written in one
transaction (COPY on PostgreSQL). Ids are assigned here, in creation order; a chunk's
events are numbered in the order they happened.

Speed (docs/performance.md has the measurements): rows are COPY text lines made by one
`str.format` each from values precomputed per school (`_School`), moments are integer
seconds, and a producer thread generates chunk k+1 while the main thread's COPY of
chunk k runs in PostgreSQL (psycopg waits for the server without holding the GIL), so
the Python generator and the database use the two cores at once."""

import bisect
import datetime
import queue
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction

from tongxin.rights.models import Issue, IssueClock, IssueEvent, IssueSupport, SealedIdentity

from . import tables
from .story import DAY, HOUR, Story, clocks_of, due_of, story_of
from .world import SchoolWorld, World

CHUNK = 20_000
TOPICS = (
    ("宿舍热水供应不稳定", "学生公寓"),
    ("食堂晚餐窗口排队太久", "第一食堂"),
    ("图书馆自习座位不够", "图书馆"),
    ("教学楼饮水机需要维修", "教学楼"),
    ("校园网晚间速度慢", "宿舍区"),
    ("体育馆开放时间太短", "体育馆"),
    ("快递点取件排长队", "快递驿站"),
    ("实验室设备老化", "实验楼"),
    ("选课系统高峰期卡顿", "线上"),
    ("夜间路灯损坏", "东区道路"),
    ("空调报修无人处理", "学生公寓"),
    ("课程作业量过大", "教学楼"),
)
TEXT = {
    "submitted": "提交了诉求",
    "accepted": "已受理，我们会尽快处理。",
    "declined": "内容不清，请补充后重新提交。",
    "merged": "与同类诉求合并办理。",
    "withdrawn": "同学撤回了诉求。",
    "started": "学生会自行处理。",
    "referred": "已转办职能部门。",
    "returned": "职能部门退回：不属于本部门职责，请重新转办。",
    "answered": "经与相关部门沟通，问题已安排解决。",
    "fed_back": "已向同学反馈办理结果。",
    "rated": "同学已评价。",
    "reopened": "同学不满意，诉求重新办理。",
    "auto_closed": "逾期未评价，自动办结。",
}
BY_STUDENT = frozenset({"submitted", "withdrawn", "rated", "reopened"})

ISSUE_COLUMNS = (
    "id",
    "school_id",
    "union_id",
    "college_id",
    "submitter_id",
    "is_anonymous",
    "pseudonym",
    "publication_consent",
    "category_id",
    "is_urgent",
    "title",
    "description",
    "place",
    "status",
    "version",
    "lead_office_id",
    "merged_into_id",
    "supporters_count",
    "due_at",
    "first_reply",
    "decline_reason",
    "answer",
    "answered_at",
    "fed_back_at",
    "rating",
    "closed_at",
    "created_at",
    "updated_at",
)
EVENT_COLUMNS = (
    *("id", "issue_id", "school_id", "kind", "actor_id", "actor_label", "text"),
    "created_at",
)
CLOCK_COLUMNS = (
    *("id", "issue_id", "school_id", "clock", "started_at", "due_at", "stopped_at"),
    "cancelled",
)
SUPPORT_COLUMNS = ("id", "issue_id", "user_id", "school_id", "created_at")
SEALED_COLUMNS = ("issue_id", "user_id", "school_id")


@dataclass
class _School:
    """One school's values, spelled as text once."""

    id: str
    union: str
    officer: str
    label: str
    offices: list[str]
    students: list[tuple[int, str, str]]  # (user id, user id as text, college as text)


@dataclass
class Chunk:
    issues: list[str] = field(default_factory=list)
    events: list[tuple[int, int, int, str, str, str, str]] = field(default_factory=list)
    clocks: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    sealed: list[str] = field(default_factory=list)
    event_lines: list[str] = field(default_factory=list)


def _epoch(moment: datetime.datetime) -> int:
    return int(moment.timestamp())


class IssueWriter:
    def __init__(self, world: World, *, seed: int, now: datetime.datetime, years: int) -> None:
        self.world = world
        self.seed = seed
        self.now = _epoch(now)
        self.start = _epoch(now - datetime.timedelta(days=365 * years))
        text = self.text = tables.TextFormat(connection.vendor)
        self.formats = {
            Issue: tables.LineFormat(Issue, ISSUE_COLUMNS, text),
            IssueEvent: tables.LineFormat(IssueEvent, EVENT_COLUMNS, text),
            IssueClock: tables.LineFormat(IssueClock, CLOCK_COLUMNS, text),
            IssueSupport: tables.LineFormat(IssueSupport, SUPPORT_COLUMNS, text),
            SealedIdentity: tables.LineFormat(SealedIdentity, SEALED_COLUMNS, text),
        }
        count = tables.Table
        self.next_issue = count(Issue).next_id()
        self.next_event = count(IssueEvent).next_id()
        self.next_clock = count(IssueClock).next_id()
        self.next_support = count(IssueSupport).next_id()
        self.schools = [self._school(s) for s in world.schools]
        self.categories = [(str(pk), text.flag(urgent)) for pk, urgent in world.categories]
        self.last_issue: dict[str, int] = {}  # school → latest issue id (a merge target)
        self.counts = {"issues": 0, "events": 0, "clocks": 0, "supports": 0, "sealed": 0}

    def _school(self, school: SchoolWorld) -> _School:
        null = tables.NULL
        return _School(
            str(school.school_id),
            str(school.union_id),
            null if school.officer_id is None else str(school.officer_id),
            tables.clean(school.union_label),
            [str(o) for o in school.offices],
            [(u, str(u), null if c is None else str(c)) for u, c in school.students],
        )

    def write(self, total: int) -> dict[str, int]:
        """Generate in a producer thread, write here: at most two chunks wait in memory."""
        chunks: queue.Queue[Chunk | BaseException | None] = queue.Queue(maxsize=2)

        def produce() -> None:
            try:
                for first in range(0, total, CHUNK):
                    chunks.put(self.chunk(first, min(first + CHUNK, total), total))
                chunks.put(None)
            except BaseException as exc:  # handed to the writing thread, which raises it
                chunks.put(exc)

        producer = threading.Thread(target=produce, name="bench-issue-producer", daemon=True)
        producer.start()
        while (item := chunks.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            self._flush(item)
        producer.join()
        tables.reset_sequences([f.model for f in self.formats.values()])
        return self.counts

    def chunk(self, first: int, stop: int, total: int) -> Chunk:
        """Issues number `first` to `stop` - 1 of `total`, from the chunk's own stream."""
        rng = random.Random(f"{self.seed}:{first}")
        chunk = Chunk()
        span = (self.now - 600) - self.start
        schools, cumulative = self.schools, self.world.cumulative
        pick = _picker(rng, cumulative)
        for index in range(first, stop):
            created = self.start + int(span * ((index + rng.random()) / total))
            self._issue(rng, chunk, schools[pick()], created)
        self._number_events(chunk)
        return chunk

    def backlog(self, union_id: int, *, submitted: int, accepted: int) -> dict[str, int]:
        """One union's backlog, as in a November week: `submitted` issues nobody has taken
        up yet and `accepted` ones, all recent. The queue scenarios filter on the two states,
        so one page is measured over thousands of matching rows and over a few dozen
        (issue 12: the queue reads only the rows it shows)."""
        school = next(s for s in self.schools if s.union == str(union_id))
        rng = random.Random(f"{self.seed}:backlog")
        chunk = Chunk()
        before = dict(self.counts)
        for index in range(accepted):
            created = self.now - 2 * DAY - index * 60
            steps = [("submitted", created), ("accepted", created + HOUR)]
            self._issue(rng, chunk, school, created, Story(steps, ["submitted", "accepted"]))
        for index in range(submitted):
            created = self.now - HOUR + index * HOUR // max(submitted, 1)
            self._issue(rng, chunk, school, created, Story([("submitted", created)], ["submitted"]))
        self._number_events(chunk)
        self._flush(chunk)
        tables.reset_sequences([f.model for f in self.formats.values()])
        return {f"backlog_{k}": v - before[k] for k, v in self.counts.items()}

    def _issue(
        self,
        rng: random.Random,
        chunk: Chunk,
        school: _School,
        created: int,
        story: Story | None = None,
    ) -> None:
        text, moment = self.text, self.text.moment
        null = tables.NULL
        student, student_text, college = school.students[int(rng.random() * len(school.students))]
        category, urgent = self.categories[int(rng.random() * len(self.categories))]
        story = story or story_of(rng, created, self.now)
        pk = self.next_issue
        self.next_issue += 1
        anonymous = rng.random() < 0.1
        consent = not anonymous and rng.random() < 0.4
        supporters = self._supports(rng, chunk, pk, school, student, created) if consent else 0
        title, place = TOPICS[int(rng.random() * len(TOPICS))]
        steps = story.steps
        kinds = [kind for kind, _ in steps]
        last = story.last
        status = story.status
        closed = story.closed
        answered = story.at("answered")
        clocks = clocks_of(story)
        open_due = [
            due_of(clock, started) for clock, started, stopped, _ in clocks if stopped is None
        ]
        lead_office = (
            school.offices[int(rng.random() * len(school.offices))]
            if "referred" in kinds and school.offices
            else null
        )
        merged_into = self.last_issue.get(school.id) if status == "merged" else None
        chunk.issues.append(
            self.formats[Issue].line(
                pk,
                school.id,
                school.union,
                college,
                null if anonymous else student_text,
                text.flag(anonymous),
                f"匿名同学{pk % 10_000:04d}" if anonymous else "",
                text.flag(consent),
                category,
                urgent,
                f"{title}（{pk}）"[:60],
                f"{title}，已经持续一段时间，影响同学们的学习和生活，希望尽快解决。",
                place,
                status,
                len(steps),
                lead_office,
                null if merged_into is None else merged_into,
                supporters,
                moment(open_due[0]) if open_due and not closed else null,
                TEXT["accepted"] if "accepted" in kinds else "",
                story.decline_reason,
                TEXT["answered"] if answered is not None else "",
                moment(answered),
                moment(story.at("fed_back")),
                story.rating,
                moment(last) if closed else null,
                moment(created),
                moment(last),
            )
        )
        if anonymous:
            chunk.sealed.append(self.formats[SealedIdentity].line(pk, student_text, school.id))
        actor = null if anonymous else student_text
        for kind, when in steps:
            by_student = kind in BY_STUDENT
            chunk.events.append(
                (
                    when,
                    pk,
                    len(chunk.events),  # ties keep the story's order
                    kind,
                    actor if by_student else school.officer,
                    "同学" if by_student else school.label,
                    school.id,
                )
            )
        clock_line = self.formats[IssueClock].line
        for clock, started, stopped, cancelled in clocks:
            due = due_of(clock, started)
            chunk.clocks.append(
                clock_line(
                    self.next_clock,
                    pk,
                    school.id,
                    clock,
                    moment(started),
                    moment(due),
                    moment(stopped),
                    text.flag(cancelled),
                )
            )
            self.next_clock += 1
        self.last_issue[school.id] = pk

    def _supports(
        self, rng: random.Random, chunk: Chunk, pk: int, school: _School, student: int, created: int
    ) -> int:
        students = school.students
        if rng.random() >= 0.15 or len(students) < 8:
            return 0
        picked = {students[int(rng.random() * len(students))] for _ in range(rng.randint(1, 6))}
        line = self.formats[IssueSupport].line
        count = 0
        for user, user_text, _college in sorted(picked):
            if user == student:
                continue
            when = min(created + int(3600 + 71 * 3600 * rng.random()), self.now)
            chunk.supports.append(
                line(self.next_support, pk, user_text, school.id, self.text.moment(when))
            )
            self.next_support += 1
            count += 1
        return count

    def _number_events(self, chunk: Chunk) -> None:
        """Events numbered in the order they happened (ties: the story's own order)."""
        chunk.events.sort()
        line, moment = self.formats[IssueEvent].line, self.text.moment
        number = self.next_event
        lines = chunk.event_lines
        for when, pk, _order, kind, actor, label, school in chunk.events:
            lines.append(line(number, pk, school, kind, actor, label, TEXT[kind], moment(when)))
            number += 1
        self.next_event = number
        chunk.events.clear()

    @transaction.atomic
    def _flush(self, chunk: Chunk) -> None:
        write, formats, counts = tables.write_lines, self.formats, self.counts
        counts["issues"] += write(formats[Issue], chunk.issues)
        counts["sealed"] += write(formats[SealedIdentity], chunk.sealed)
        counts["events"] += write(formats[IssueEvent], chunk.event_lines)
        counts["clocks"] += write(formats[IssueClock], chunk.clocks)
        counts["supports"] += write(formats[IssueSupport], chunk.supports)


def _picker(rng: random.Random, cumulative: list[int]) -> Callable[[], int]:
    """A school chosen in proportion to its students (bisect on the running totals)."""
    total = cumulative[-1]

    def pick() -> int:
        return bisect.bisect_right(cumulative, int(rng.random() * total))

    return pick
