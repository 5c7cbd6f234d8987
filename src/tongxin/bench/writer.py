"""Issues with their timelines, clocks, supporters and sealed identities, in chunks.

Each chunk is generated from its own seeded random stream and written in one
transaction (COPY on PostgreSQL). Ids are assigned here, in creation order; a chunk's
events are numbered in the order they happened."""

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from tongxin.rights.models import Issue, IssueClock, IssueEvent, IssueSupport, SealedIdentity

from . import tables
from .story import Story, clocks_of, due_of, story_of
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
    "answered": "经与相关部门沟通，问题已安排解决。",
    "fed_back": "已向同学反馈办理结果。",
    "rated": "同学已评价。",
    "auto_closed": "逾期未评价，自动办结。",
}


@dataclass
class Ids:
    issue: int
    event: int
    clock: int
    support: int


@dataclass
class Chunk:
    issues: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[datetime.datetime, dict[str, Any]]] = field(default_factory=list)
    clocks: list[tuple[Any, ...]] = field(default_factory=list)
    supports: list[tuple[Any, ...]] = field(default_factory=list)
    sealed: list[tuple[Any, ...]] = field(default_factory=list)


class IssueWriter:
    def __init__(self, world: World, *, seed: int, now: datetime.datetime, years: int) -> None:
        self.world = world
        self.seed = seed
        self.now = now
        self.start = now - datetime.timedelta(days=365 * years)
        self.tables = {
            m: tables.Table(m)
            for m in (Issue, IssueEvent, IssueClock, IssueSupport, SealedIdentity)
        }
        self.ids = Ids(
            *(self.tables[m].next_id() for m in (Issue, IssueEvent, IssueClock, IssueSupport))
        )
        self.last_issue: dict[int, int] = {}  # school → latest issue id (a merge target)
        self.counts = {"issues": 0, "events": 0, "clocks": 0, "supports": 0, "sealed": 0}

    def write(self, total: int) -> dict[str, int]:
        span = (self.now - datetime.timedelta(minutes=10)) - self.start
        for first in range(0, total, CHUNK):
            rng = random.Random(f"{self.seed}:{first}")
            chunk = Chunk()
            for index in range(first, min(first + CHUNK, total)):
                created = self.start + span * ((index + rng.random()) / total)
                self._issue(rng, chunk, created)
            self._flush(chunk)
        tables.reset_sequences(list(self.tables))
        return self.counts

    def _issue(self, rng: random.Random, chunk: Chunk, created: datetime.datetime) -> None:
        school = self.world.pick_school(rng)
        student, college = rng.choice(school.students)
        category, urgent = rng.choice(self.world.categories)
        story = story_of(rng, created, self.now)
        pk = self.ids.issue
        self.ids.issue += 1
        anonymous = rng.random() < 0.1
        consent = not anonymous and rng.random() < 0.4
        supporters = self._supports(rng, chunk, pk, school, student, created) if consent else 0
        values = self._values(rng, school, story, pk, created) | {
            "college_id": college,
            "submitter_id": None if anonymous else student,
            "is_anonymous": anonymous,
            "pseudonym": f"匿名同学{pk % 10_000:04d}" if anonymous else "",
            "publication_consent": consent,
            "category_id": category,
            "is_urgent": urgent,
            "supporters_count": supporters,
        }
        chunk.issues.append(self.tables[Issue].row(values))
        if anonymous:
            chunk.sealed.append(
                self.tables[SealedIdentity].row(
                    {"issue_id": pk, "user_id": student, "school_id": school.school_id}
                )
            )
        self._timeline(chunk, school, story, pk, None if anonymous else student)
        self._clocks(chunk, school, story, pk)
        self.last_issue[school.school_id] = pk

    def _values(
        self,
        rng: random.Random,
        school: SchoolWorld,
        story: Story,
        pk: int,
        created: datetime.datetime,
    ) -> dict[str, Any]:
        title, place = TOPICS[rng.randrange(len(TOPICS))]
        status, kinds = story.status, {kind for kind, _ in story.steps}
        answered, closed_kind = story.at("answered"), story.steps[-1][0]
        closed = closed_kind in {"rated", "auto_closed", "declined", "merged", "withdrawn"}
        open_due = [due_of(c, s) for c, s, stopped, _ in clocks_of(story) if stopped is None]
        return {
            "id": pk,
            "school_id": school.school_id,
            "union_id": school.union_id,
            "title": f"{title}（{pk}）"[:60],
            "description": f"{title}，已经持续一段时间，影响同学们的学习和生活，希望尽快解决。",
            "place": place,
            "status": status,
            "version": len(story.steps),
            "lead_office_id": rng.choice(school.offices)
            if "referred" in kinds and school.offices
            else None,
            "merged_into_id": self.last_issue.get(school.school_id) if status == "merged" else None,
            "due_at": open_due[0] if open_due and not closed else None,
            "first_reply": TEXT["accepted"] if "accepted" in kinds else "",
            "decline_reason": "unclear" if status == "not_handled" else "",
            "answer": TEXT["answered"] if answered else "",
            "answered_at": answered,
            "fed_back_at": story.at("fed_back"),
            "rating": story.rating,
            "closed_at": story.last if closed else None,
            "created_at": created,
            "updated_at": story.last,
        }

    def _timeline(
        self, chunk: Chunk, school: SchoolWorld, story: Story, pk: int, student: int | None
    ) -> None:
        for kind, when in story.steps:
            by_student = kind in {"submitted", "withdrawn", "rated"}
            chunk.events.append(
                (
                    when,
                    {
                        "issue_id": pk,
                        "school_id": school.school_id,
                        "kind": kind,
                        "actor_id": student if by_student else school.officer_id,
                        "actor_label": "同学" if by_student else school.union_label,
                        "text": TEXT[kind],
                        "created_at": when,
                    },
                )
            )

    def _clocks(self, chunk: Chunk, school: SchoolWorld, story: Story, pk: int) -> None:
        for clock, started, stopped, cancelled in clocks_of(story):
            chunk.clocks.append(
                self.tables[IssueClock].row(
                    {
                        "id": self.ids.clock,
                        "issue_id": pk,
                        "school_id": school.school_id,
                        "clock": clock,
                        "started_at": started,
                        "due_at": due_of(clock, started),
                        "stopped_at": stopped,
                        "cancelled": cancelled,
                    }
                )
            )
            self.ids.clock += 1

    def _supports(
        self,
        rng: random.Random,
        chunk: Chunk,
        pk: int,
        school: SchoolWorld,
        student: int,
        created: datetime.datetime,
    ) -> int:
        if rng.random() >= 0.15 or len(school.students) < 8:
            return 0
        users = {rng.choice(school.students)[0] for _ in range(rng.randint(1, 6))} - {student}
        for user in sorted(users):
            chunk.supports.append(
                self.tables[IssueSupport].row(
                    {
                        "id": self.ids.support,
                        "issue_id": pk,
                        "user_id": user,
                        "school_id": school.school_id,
                        "created_at": min(
                            created + datetime.timedelta(hours=rng.uniform(1, 72)), self.now
                        ),
                    }
                )
            )
            self.ids.support += 1
        return len(users)

    @transaction.atomic
    def _flush(self, chunk: Chunk) -> None:
        chunk.events.sort(key=lambda item: item[0])
        events = []
        for _when, values in chunk.events:
            events.append(self.tables[IssueEvent].row(values | {"id": self.ids.event}))
            self.ids.event += 1
        self.counts["issues"] += tables.write(self.tables[Issue], chunk.issues)
        self.counts["sealed"] += tables.write(self.tables[SealedIdentity], chunk.sealed)
        self.counts["events"] += tables.write(self.tables[IssueEvent], events)
        self.counts["clocks"] += tables.write(self.tables[IssueClock], chunk.clocks)
        self.counts["supports"] += tables.write(self.tables[IssueSupport], chunk.supports)
