"""Congress lines and sessions in a generated province (the demo's 演示省, the bench's).

    every union ──► a congress line (bulk; supervisor by the rule of services.supervisor_of)
    school-level and college unions of every other school ──► a story each, cycling:
        held a year ago and closed · open in each state of the table · overdue · cancelled
    (bulk rows; each session's timeline follows the transition table's path to its state)
    the first school ──► walked through the services with a moved clock:
        school union: applied → approved (city) → confirmed → held (the delegates' session)
        college unions: applied · returned · approved · reported · planned · closed

Bulk rows carry the fields each state implies (applied_at and dates once applied, the
decision once decided, attendance once held, the report texts once reported), so the pages
and the selectors read them as they read rows the services wrote.
"""

import datetime
from math import ceil
from typing import Any

from django.db.models import Count

from tongxin.accounts.models import Membership, Role, User
from tongxin.accounts.roles import FEDERATION_ROLES
from tongxin.congress import services
from tongxin.congress.delegate_selectors import student_counts
from tongxin.congress.machine import SESSION
from tongxin.congress.models import (
    CongressForm,
    CongressLine,
    Session,
    SessionEvent,
    SessionState,
)
from tongxin.congress.quotas import minimum_seats
from tongxin.congress.schedule import add_months, due_date, rule_for, rules_by_level
from tongxin.congress.services.sessions import LEVEL_OF
from tongxin.core.errors import DomainError
from tongxin.orgs.models import UNION_KINDS, Node, NodeKind
from tongxin.workdays.calendar import local_zone

BATCH = 1000
S = SessionState
AGENDA = "一、听取和审议学生会工作报告；二、审议财务报告；三、审议提案；四、选举产生新一届主席团。"
PLACE = "学术报告厅"
WORK = "一年来，学生会围绕服务同学开展权益维护、学风建设和文体活动，办结同学诉求百余件。"
FINANCE = "本年度经费收支均已公开，结余用于下年度活动。"
RESOLUTIONS = "大会审议通过工作报告和财务报告，同意提案处理意见。"
ELECTION = "大会以差额选举方式选举产生新一届主席团。"

# The table's steps from the start to each state (the story's path), by action name.
PATHS: dict[str, list[str]] = {
    S.PLANNED: ["plan"],
    S.APPLIED: ["plan", "apply"],
    S.RETURNED: ["plan", "apply", "return"],
    S.APPROVED: ["plan", "apply", "approve"],
    S.CONFIRMED: ["plan", "apply", "approve", "confirm"],
    S.HELD: ["plan", "apply", "approve", "confirm", "hold"],
    S.REPORTED: ["plan", "apply", "approve", "confirm", "hold", "report"],
    S.CLOSED: ["plan", "apply", "approve", "confirm", "hold", "report", "close"],
    S.CANCELLED: ["plan", "apply", "cancel"],
}
# Stories, cycled over the unions: (state of the open or last session, months since the last
# congress held; None: never held in Tongxin).
STORIES: list[tuple[str | None, int | None]] = [
    (S.CLOSED, 8),
    (S.APPLIED, 11),
    (S.CLOSED, 5),
    (S.APPROVED, 11),
    (None, None),  # set up lately, nothing yet
    (S.CONFIRMED, 11),
    (S.CLOSED, 10),
    (S.HELD, None),
    (S.REPORTED, None),
    (S.PLANNED, 10),
    (None, 14),  # overdue: held 14 months ago, nothing since
    (S.RETURNED, 11),
    (S.CLOSED, 3),
    (S.CANCELLED, 11),  # its session cancelled: due again soon
]
UNION_ACTIONS = {"plan", "apply", "confirm", "hold", "report", "cancel"}


def _day(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=local_zone())


def _people(province: Node) -> tuple[dict[int, int], dict[int, int]]:
    """An officer per union (a presidium member first) and one supervising person per
    school (its advisor) and city (its staff)."""
    officers: dict[int, int] = {}
    rows = (
        Membership.objects.active()
        .filter(role=Role.OFFICER, node__path__startswith=province.path)
        .order_by("node_id", "position", "pk")
        .values_list("node_id", "user_id")
    )
    for node_id, user_id in rows:
        officers.setdefault(node_id, user_id)
    supervisors: dict[int, int] = {}
    rows = (
        Membership.objects.active()
        .filter(role__in=[Role.ADVISOR, *FEDERATION_ROLES], node__path__startswith=province.path)
        .order_by("pk")
        .values_list("node_id", "user_id")
    )
    for node_id, user_id in rows:
        supervisors.setdefault(node_id, user_id)
    return officers, supervisors


def seats_for(students: int) -> int:
    """Delegates' seats for a union of `students`: one in twenty (at least one; never more
    than the students)."""
    return max(1, min(students, ceil(students / 20)))


def attending(seats: int) -> int:
    return max(1, seats - seats // 10)


def _students_by_union(province: Node) -> dict[int, int]:
    """Students a union represents, roughly: its college's for a college union, its
    school's for a school or graduate union (two grouped queries)."""
    students = User.objects.filter(
        school__path__startswith=province.path, college__isnull=False, is_system=False
    )
    by_college = dict(
        students.values("college_id").annotate(n=Count("pk")).values_list("college_id", "n")
    )
    by_school = dict(
        students.values("school_id").annotate(n=Count("pk")).values_list("school_id", "n")
    )
    unions = Node.objects.filter(path__startswith=province.path, kind__in=UNION_KINDS)
    return {
        pk: by_college.get(parent, 0)
        if kind == NodeKind.COLLEGE_UNION
        else by_school.get(school, 0)
        for pk, kind, parent, school in unions.values_list("pk", "kind", "parent_id", "school_id")
    }


def _supervisor_id(union: Node) -> int:
    return union.school_pk if union.kind == NodeKind.COLLEGE_UNION else int(union.city_pk or 0)


def write_lines(province: Node, today: datetime.date) -> dict[int, CongressLine]:
    """A line for every union of the province, set up in Tongxin ten months ago (before the
    stories date their sessions)."""
    rules = rules_by_level()
    set_up = add_months(today, -10)
    unions = Node.objects.filter(path__startswith=province.path, kind__in=UNION_KINDS)
    lines = []
    for union in unions.order_by("path").iterator(chunk_size=BATCH):
        level = LEVEL_OF[union.kind]
        lines.append(
            CongressLine(
                union_id=union.pk,
                school_id=union.school_pk,
                level=level,
                supervisor_id=_supervisor_id(union),
                set_up_on=set_up,
                due_on=due_date(set_up, rules[level].interval_months),
            )
        )
    CongressLine.objects.bulk_create(lines, batch_size=BATCH)
    return {line.union_id: line for line in CongressLine.objects.filter(union__in=unions)}


class Story:
    """One union's bulk-written sessions: the last one held (closed), and the open one."""

    def __init__(
        self, line: CongressLine, officer: int, supervisor: int, today: datetime.date, seats: int
    ):
        self.line, self.officer, self.supervisor, self.today = line, officer, supervisor, today
        self.seats = seats
        self.sessions: list[Session] = []
        self.events: list[list[SessionEvent]] = []

    def session(self, state: str, start: datetime.date, number: int) -> None:
        """A session taken along the table's path to `state`, its steps dated from `start`
        (the congress is held 20 days after the application)."""
        s = Session(
            line_id=self.line.pk,
            school_id=self.line.school_id,
            union_id=self.line.union_id,
            supervisor_id=self.line.supervisor_id,
            number=number,
            form=CongressForm.CONGRESS,
            state=state,
            created_by_id=self.officer,
            created_at=_day(start),
        )
        held = start + datetime.timedelta(days=20)
        events = []
        for offset, name in enumerate(PATHS[state]):
            action = SESSION.action(name)
            day = start + datetime.timedelta(days=[0, 1, 4, 5, 20, 25, 30][min(offset, 6)])
            at = _day(min(day, self.today))
            if name == "apply":
                s.planned_start = s.planned_end = held
                s.place, s.agenda, s.delegate_seats, s.applied_at = PLACE, AGENDA, self.seats, at
            elif name in ("approve", "return"):
                s.decided_at, s.decided_by_id = at, self.supervisor
                s.decision_note = (
                    "同意按期召开。" if name == "approve" else "请补充选举办法后重新申请。"
                )
            elif name == "confirm":
                s.confirmed_at = at
            elif name == "hold":
                s.held_start = s.held_end = min(held, self.today)
                s.attendance = attending(self.seats)
            elif name == "report":
                s.work_report, s.finance_report = WORK, FINANCE
                s.resolutions, s.election_results, s.reported_at = RESOLUTIONS, ELECTION, at
            elif name in ("close", "cancel"):
                s.closed_at = at
            s.version = offset + 1
            actor = self.officer if name in UNION_ACTIONS else self.supervisor
            text = s.decision_note if name in ("approve", "return") else ""
            events.append(
                SessionEvent(
                    school_id=s.school_id,
                    kind=action.done,
                    actor_id=actor,
                    actor_label="",
                    text="会议推迟。" if name == "cancel" else text,
                    created_at=at,
                )
            )
        self.sessions.append(s)
        self.events.append(events)

    def tell(self, state: str | None, months: int | None) -> None:
        number = 0
        if months is not None:
            number += 1
            self.session(S.CLOSED, add_months(self.today, -months) - datetime.timedelta(days=20), 1)
            held = self.sessions[-1].held_end
            assert held is not None
            self.line.last_held_on = held
            self.line.due_on = due_date(held, 12)
        if state is not None and not (state == S.CLOSED and months is not None):
            start = self.today - datetime.timedelta(
                days={str(S.HELD): 25, str(S.REPORTED): 28}.get(state, 6)
            )
            self.session(state, start, number + 1)
            if state in (S.HELD, S.REPORTED):
                held_end = self.sessions[-1].held_end
                assert held_end is not None
                self.line.last_held_on = held_end
                self.line.due_on = due_date(held_end, 12)


def write_stories(
    lines: dict[int, CongressLine],
    skip_school: int | None,
    today: datetime.date,
    officers: dict[int, int],
    supervisors: dict[int, int],
    names: dict[int, str],
    students: dict[int, int],
) -> int:
    stories: list[Story] = []
    school_level = college = 0
    for union_id, line in sorted(lines.items()):
        if line.school_id == skip_school:
            continue
        officer, supervisor = officers.get(union_id), supervisors.get(line.supervisor_id)
        if officer is None or supervisor is None:
            continue
        if line.level == "college":
            state, months = STORIES[college % len(STORIES)]
            college += 1
        else:
            state, months = STORIES[(school_level * 5) % len(STORIES)]
            school_level += 1
        story = Story(line, officer, supervisor, today, seats_for(students.get(union_id, 0)))
        story.tell(state, months)
        stories.append(story)
    sessions = [s for story in stories for s in story.sessions]
    Session.objects.bulk_create(sessions, batch_size=BATCH)
    events = []
    for story in stories:
        for session, lines_of in zip(story.sessions, story.events, strict=True):
            for event in lines_of:
                event.session_id = session.pk
                event.actor_label = names.get(event.actor_id, "")[:60]
                events.append(event)
    SessionEvent.objects.bulk_create(events, batch_size=BATCH)
    CongressLine.objects.bulk_update(
        [story.line for story in stories], ["last_held_on", "due_on"], batch_size=BATCH
    )
    return len(sessions)


# ---------------------------------------------------------------- the first school


class FirstSchool:
    """The first school's sessions, through the services with a moved clock."""

    def __init__(self, school: Node, today: datetime.date, officers: dict[int, int]) -> None:
        self.school, self.today = school, today
        self.users = User.objects.in_bulk(list(officers.values()))
        self.officers = officers
        advisor = Membership.objects.active().filter(school=school, role=Role.ADVISOR).first()
        self.advisor = advisor.user if advisor else None
        city = Membership.objects.active().filter(
            node_id=school.city_pk or 0, role__in=[Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN]
        )
        found = city.select_related("user").order_by("pk").first()
        self.city_staff = found.user if found else None

    def seats_of(self, union: Node) -> int:
        """Seats the delegates' quota rule accepts: at least its minimum (per mille of the
        students, one per unit), one in twenty otherwise, never more than the students."""
        counts = student_counts(union)
        students = sum(counts.values())
        rule = rule_for(LEVEL_OF[union.kind])
        least = max(
            minimum_seats(students, rule.delegate_min_permille),
            len(counts) * rule.min_seats_per_unit,
        )
        return max(1, min(students, max(least, ceil(students / 20))))

    def at(self, days_ago: int) -> datetime.datetime:
        return _day(self.today - datetime.timedelta(days=days_ago))

    def walk(self, union: Node, state: str, started: int, supervisor: User | None) -> int:
        """A session of `union` taken to `state`, its first step `started` days ago and the
        congress held 25 days after that."""
        officer = self.users.get(self.officers.get(union.pk, 0))
        if officer is None or supervisor is None:
            return 0
        held_ago = started - 25
        days_ago = {"apply": started - 1, "approve": started - 3, "return": started - 3}
        days_ago |= {"confirm": started - 4, "hold": held_ago}
        days_ago |= {"report": held_ago - 2, "close": held_ago - 4}
        held = self.today - datetime.timedelta(days=held_ago)
        line = services.line_for(union)
        s = services.session_plan(actor=officer, line=line, now=self.at(started))
        for name in PATHS[state][1:]:
            now = self.at(days_ago[name])
            v: dict[str, Any] = {"session": s, "expected_version": s.version, "now": now}
            if name == "apply":
                s = services.session_apply(
                    actor=officer,
                    **v,
                    planned_start=held,
                    planned_end=held,
                    place=PLACE,
                    agenda=AGENDA,
                    delegate_seats=self.seats_of(union),
                )
            elif name == "approve":
                s = services.session_approve(actor=supervisor, **v, note="同意按期召开。")
            elif name == "return":
                s = services.session_return(
                    actor=supervisor, **v, reason="请补充代表名额分配办法后重新申请。"
                )
            elif name == "confirm":
                s = services.session_confirm(actor=officer, **v)
            elif name == "hold":
                seats = s.delegate_seats or 1
                s = services.session_hold(
                    actor=officer, **v, held_start=held, held_end=held, attendance=attending(seats)
                )
            elif name == "report":
                s = services.session_report(
                    actor=officer,
                    **v,
                    work_report=WORK,
                    finance_report=FINANCE,
                    resolutions=RESOLUTIONS,
                    election_results=ELECTION,
                )
            elif name == "close":
                s = services.session_close(actor=supervisor, **v, note="报告齐全，予以办结。")
        return 1


COLLEGE_STATES = [S.APPLIED, S.RETURNED, S.APPROVED, S.REPORTED, S.PLANNED, S.CLOSED, S.CONFIRMED]


def write_first_school(school: Node, today: datetime.date, officers: dict[int, int]) -> int:
    first = FirstSchool(school, today, officers)
    written = 0
    unions = Node.objects.filter(school=school, kind__in=UNION_KINDS).order_by("path")
    colleges = 0
    for union in unions:
        try:
            if union.kind == NodeKind.SCHOOL_UNION:
                # Held: the delegates' part attaches its confirmed delegates to it.
                written += first.walk(union, S.HELD, 45, first.city_staff)
            elif union.kind == NodeKind.COLLEGE_UNION:
                state = COLLEGE_STATES[colleges % len(COLLEGE_STATES)]
                colleges += 1
                written += first.walk(union, state, 40, first.advisor)
        except DomainError:
            continue  # a union the generated roster cannot run (no officer): left empty
    return written


def first_school(province: Node) -> Node | None:
    """The school with the lowest code (YS001 in the demo: its printed logins' school)."""
    schools = Node.objects.filter(kind=NodeKind.SCHOOL, path__startswith=province.path)
    return schools.order_by("code").first()


def write_sessions(
    province: Node, first_school: Node | None, today: datetime.date
) -> dict[str, Any]:
    officers, supervisors = _people(province)
    lines = write_lines(province, today)
    names = dict(
        User.objects.filter(pk__in={*officers.values(), *supervisors.values()}).values_list(
            "pk", "real_name"
        )
    )
    count = write_stories(
        lines,
        first_school.pk if first_school else None,
        today,
        officers,
        supervisors,
        names,
        _students_by_union(province),
    )
    if first_school is not None:
        count += write_first_school(first_school, today, officers)
    return {"congress_lines": len(lines), "congress_sessions": count}
