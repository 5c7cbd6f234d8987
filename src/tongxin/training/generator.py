"""Training (培训) for the demo: sessions this academic year and last, with attendance.

    each school ──► two union training sessions a year (about one school in twelve held
                    only one this year: it shows as not yet meeting the rule), a 青马工程
                    course of three sessions with scores
    each college ──► a session a term for its college union

Officers mostly attend (about nine in ten); hours are the session's. Sessions are only
placed on days before the build's `today`. Draws come from a stream of their own.
"""

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Role
from tongxin.orgs.models import Node, NodeKind
from tongxin.training.models import Attendance, SessionKind, TrainingSession
from tongxin.workflow.generation.province import BATCH, PostSpec, ProvincePlan, Written
from tongxin.workflow.generation.rows import insert_rows

ATTENDANCE_SHARE = 0.9
ONE_SESSION_SHARE = 1 / 12
QINGMA_TRAINEES = 12

# (month, day, title, hours): school-level sessions of an academic year starting in September
SCHOOL_SESSIONS = (
    (9, 24, "新学年学生会骨干培训：政治理论与改革要求", Decimal("4.0")),
    (11, 12, "权益服务实务培训：诉求受理、转办与答复", Decimal("3.0")),
    (4, 16, "学生会骨干春季培训：工作规范与作风建设", Decimal("3.5")),
)
COLLEGE_SESSIONS = (
    (10, 15, "院学生会工作人员培训：服务同学的方法", Decimal("2.0")),
    (3, 26, "院学生会工作人员培训：学风建设与朋辈帮扶", Decimal("2.0")),
)
QINGMA_SESSIONS = (
    (10, 22, "青马工程：马克思主义基本原理导读", Decimal("3.0")),
    (11, 5, "青马工程：新时代青年的使命与担当", Decimal("3.0")),
    (11, 19, "青马工程：社会调研方法与实践", Decimal("4.0")),
)


def _day(academic_year: int, month: int, day: int) -> datetime.date:
    return datetime.date(academic_year if month >= 9 else academic_year + 1, month, day)


class TrainingWriter:
    def __init__(self, plan: ProvincePlan, written: Written, today: datetime.date) -> None:
        self.plan, self.written, self.today = plan, written, today
        self.rng = random.Random(f"{plan.seed}/training")
        self.sessions: list[TrainingSession] = []
        self.attendees: list[list[str]] = []  # usernames, one list per session
        self.scored: set[int] = set()  # indexes of sessions with scores (青马)
        self.organisers = {
            post.node: post.username
            for post in plan.posts
            if post.role in (Role.ADVISOR, Role.COLLEGE_SECRETARY) and post.end is None
        }
        self.officers: dict[tuple[str, bool], list[PostSpec]] = defaultdict(list)
        for post in plan.posts:
            if post.role == Role.OFFICER:
                self.officers[(post.node, post.end is None)].append(post)

    def _session(
        self, host: str, kind: str, on: datetime.date, title: str, hours: Decimal
    ) -> int | None:
        if on >= self.today:
            return None
        node = self.written.node_keys[host]
        self.sessions.append(
            TrainingSession(
                school_id=node.school_pk,
                host_id=node.pk,
                kind=kind,
                title=title,
                date=on,
                hours=hours,
                created_by_id=self.written.user_ids[self.organisers[host]],
            )
        )
        self.attendees.append([])
        return len(self.sessions) - 1

    def _attend(self, index: int | None, posts: list[PostSpec]) -> None:
        if index is None:
            return
        self.attendees[index] += [
            post.username for post in posts if self.rng.random() < ATTENDANCE_SHARE
        ]

    def school(self, school: Node, unions: list[str], colleges: list[tuple[str, str]]) -> None:
        """`unions`: the school-level unions' keys; `colleges`: (college, its union) keys."""
        year = self.plan.academic_year
        for academic_year, current in ((year - 1, False), (year, True)):
            held: tuple[tuple[int, int, str, Decimal], ...] = SCHOOL_SESSIONS
            if current and self.rng.random() < ONE_SESSION_SHARE:
                held = SCHOOL_SESSIONS[:1]
            for month, day, title, hours in held:
                on = _day(academic_year, month, day)
                index = self._session(school.code, SessionKind.UNION, on, title, hours)
                for union in unions:
                    self._attend(index, self.officers[(union, current)])
            for college, union in colleges:
                for month, day, title, hours in COLLEGE_SESSIONS:
                    on = _day(academic_year, month, day)
                    index = self._session(college, SessionKind.UNION, on, title, hours)
                    self._attend(index, self.officers[(union, current)])
        self._qingma(school, unions)

    def _qingma(self, school: Node, unions: list[str]) -> None:
        """This year's trainees: the presidium first, then others, up to a dozen."""
        posts = [post for union in unions for post in self.officers[(union, True)]]
        posts.sort(key=lambda post: post.position not in PRESIDIUM_POSITIONS)
        trainees = posts[:QINGMA_TRAINEES]
        for month, day, title, hours in QINGMA_SESSIONS:
            on = _day(self.plan.academic_year, month, day)
            index = self._session(school.code, SessionKind.QINGMA, on, title, hours)
            if index is not None:
                self.scored.add(index)
            self._attend(index, trainees)

    def write(self) -> dict[str, int]:
        TrainingSession.objects.bulk_create(self.sessions, batch_size=BATCH)
        rows = [
            (
                session.pk,
                session.school_id,
                self.written.user_ids[username],
                str(session.hours),
                self.rng.randint(72, 98) if index in self.scored else None,
            )
            for index, (session, usernames) in enumerate(
                zip(self.sessions, self.attendees, strict=True)
            )
            for username in dict.fromkeys(usernames)
        ]
        fields = ("session_id", "school_id", "user_id", "hours", "score")
        return {
            "training_sessions": len(self.sessions),
            "training_attendances": insert_rows(Attendance, fields, rows),
        }


def write_training(plan: ProvincePlan, written: Written, today: datetime.date) -> dict[str, int]:
    writer = TrainingWriter(plan, written, today)
    parent_of = {node.key: node.parent for node in plan.nodes}
    unions_of: dict[str, list[str]] = defaultdict(list)
    colleges_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for node in plan.nodes:
        if node.kind in (NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION) and node.parent:
            unions_of[node.parent].append(node.key)
        elif node.kind == NodeKind.COLLEGE_UNION and node.parent:
            colleges_of[parent_of[node.parent] or ""].append((node.parent, node.key))
    for node in plan.nodes:
        if node.kind == NodeKind.SCHOOL:
            school = written.node_keys[node.key]
            writer.school(school, unions_of[node.key], colleges_of[node.key])
    return writer.write()
