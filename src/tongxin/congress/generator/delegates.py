"""The delegates in a generated province: in the first school (YS001) the school union's
session with its delegates confirmed (the printed demo student among them, so their home
shows the badge) and a college union's list under public notice — walked through the
services with a moved clock (selection/generator.py's Clock).

The sessions part writes the sessions; this part finds a suitable one (`session_for`) and
only creates the line and session rows itself when none exists yet.
"""

import datetime
from math import ceil
from typing import Any

from django.db.models import Max

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Membership, Role, User
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node, NodeKind
from tongxin.selection.generator import Clock

from ..delegate_selectors import level_of, represented, rule_for, student_counts, unit_field
from ..models import (
    FINAL_SESSION_STATES,
    CongressForm,
    CongressLine,
    DelegateList,
    DelegateListState,
    Session,
    SessionState,
    UnionLevel,
)
from ..quotas import minimum_seats
from ..services import delegates as services

PREPARABLE = (SessionState.APPROVED, SessionState.CONFIRMED)
MAX_TRIES = 4  # college unions tried for a list under notice
# States a session can hold a delegate list in, from the earliest.
WITH_DELEGATES = [
    SessionState.APPROVED,
    SessionState.CONFIRMED,
    SessionState.HELD,
    SessionState.REPORTED,
    SessionState.CLOSED,
]


def seats_needed(union: Node) -> int:
    """The fewest seats the level's rule allows for the union's students today."""
    rule = rule_for(level_of(union))
    counts = student_counts(union)
    units = sum(1 for n in counts.values() if n > 0)
    return max(
        minimum_seats(sum(counts.values()), rule.delegate_min_permille),
        rule.min_seats_per_unit * units,
        1,
    )


def _line_for(union: Node, on: datetime.date) -> CongressLine:
    line = CongressLine.objects.filter(union=union).first()
    if line is not None:
        return line
    school = Node.objects.get(pk=union.school_pk)
    level = level_of(union)
    supervisor_id = school.pk if level == UnionLevel.COLLEGE else school.parent_id
    assert supervisor_id is not None  # a school hangs below a city or a county
    return CongressLine.objects.create(
        union=union,
        school=school,
        level=level,
        supervisor_id=supervisor_id,
        set_up_on=on - datetime.timedelta(days=300),
        due_on=on + datetime.timedelta(days=60),
    )


def session_for(
    union: Node,
    state: str,
    *,
    creator: User,
    on: datetime.date,
    seats: int | None = None,
    reuse: tuple[str, ...] = (),
) -> Session | None:
    """A session of `union` without a delegate list: an existing one in one of `reuse`
    (default: `state`; the sessions part's rows), else new line and session rows in
    `state` (set-up through the ORM, as demo and test data) — None when the union's line
    already has an open session in another state (one open session per line). Its seats
    are raised to what the rule needs."""
    found = None
    for wanted in reuse or (state,):
        found = (
            Session.objects.filter(union=union, state=wanted, delegates__isnull=True)
            .order_by("-number")
            .first()
        )
        if found is not None:
            break
    if found is None:
        line = _line_for(union, on)
        open_one = Session.objects.filter(line=line).exclude(state__in=FINAL_SESSION_STATES)
        if state not in FINAL_SESSION_STATES and open_one.exists():
            return None
        last = Session.objects.filter(line=line).aggregate(n=Max("number"))["n"] or 0
        held = state in (SessionState.HELD, SessionState.REPORTED, SessionState.CLOSED)
        found = Session.objects.create(
            line=line,
            school_id=union.school_pk,
            union=union,
            supervisor_id=line.supervisor_id,
            number=last + 1,
            form=CongressForm.CONGRESS,
            state=state,
            planned_start=on + datetime.timedelta(days=14),
            planned_end=on + datetime.timedelta(days=14),
            place="学术报告厅",
            agenda="听取和审议学生会工作报告；选举新一届主席团",
            held_start=on if held else None,
            held_end=on if held else None,
            created_by=creator,
        )
    needed = max(seats or 0, seats_needed(union))
    if (found.delegate_seats or 0) < needed:
        found.delegate_seats = needed
        found.save(update_fields=["delegate_seats", "updated_at"])
    return found


def _president(union: Node) -> User | None:
    found = (
        Membership.objects.active()
        .filter(node=union, role=Role.OFFICER, position__in=PRESIDIUM_POSITIONS)
        .select_related("user")
        .order_by("position", "user__number")
        .first()
    )
    return found.user if found else None


def _advisor(school: Node) -> User | None:
    found = (
        Membership.objects.active()
        .filter(node=school, role=Role.ADVISOR)
        .select_related("user")
        .order_by("user__number")
        .first()
    )
    return found.user if found else None


def _pick(delegate_list: DelegateList, must: User | None) -> list[tuple[User, int | None]]:
    """Each unit's seats filled from its students, non-officers first, `must` included."""
    union = delegate_list.union
    field = unit_field(union)
    quotas = {q.unit_id: q.seats for q in delegate_list.quotas.all()}
    officers = set(
        Membership.objects.active()
        .filter(school_id=union.school_id, role=Role.OFFICER)
        .values_list("user_id", flat=True)
    )
    picked: list[tuple[User, int | None]] = []
    left = dict(quotas)
    if must is not None and getattr(must, field) in left and left[getattr(must, field)] > 0:
        picked.append((must, 180))
        left[getattr(must, field)] -= 1
    chosen = {u.pk for u, _v in picked}
    for unit, n in left.items():
        if n <= 0:
            continue
        students = represented(union).filter(**{field: unit}).exclude(pk__in=chosen)
        pool = list(students.exclude(pk__in=officers).order_by("number")[:n])
        if len(pool) < n:  # a unit of officers only: they fill its seats
            pool += list(students.filter(pk__in=officers).order_by("number")[: n - len(pool)])
        for index, user in enumerate(pool):
            picked.append((user, 150 - index))
    return picked


def _walk(
    union: Node,
    session: Session,
    *,
    clock: Clock,
    must: User | None,
    prepared: int,
    submitted: int,
    confirmed: int | None,
) -> DelegateList | None:
    president = _president(union)
    if president is None:
        return None
    seats = session.delegate_seats or 0
    candidates = ceil(seats * rule_for(level_of(union)).candidate_ratio_percent / 100)
    if session.state in (SessionState.APPROVED, SessionState.CONFIRMED):
        delegate_list = services.delegate_list_prepare(
            actor=president, session=session, candidates=candidates
        )
    else:  # a session the sessions part already moved on: its list as set-up data
        delegate_list = DelegateList.objects.create(
            session=session,
            school_id=session.school_id,
            union=union,
            candidates=candidates,
        )
        services._write_quotas(delegate_list, seats)
    picked = _pick(delegate_list, must)
    if not picked:
        return delegate_list
    services.add_members(delegate_list, picked, clock.back(prepared))
    delegate_list.refresh_from_db()
    try:
        delegate_list = services.delegate_list_submit(
            actor=president,
            delegate_list=delegate_list,
            expected_version=delegate_list.version,
            now=clock.back(submitted),
        )
    except DomainError:  # a unit without enough non-officers: left as a draft
        return delegate_list
    if confirmed is not None:
        services.delegate_list_confirm(
            actor=president,
            delegate_list=delegate_list,
            expected_version=delegate_list.version,
            now=clock.back(confirmed),
        )
    return delegate_list


def first_school(province: Node) -> Node | None:
    """The province's school with the lowest code (the demo's YS001)."""
    schools = Node.objects.filter(kind=NodeKind.SCHOOL, path__startswith=province.path)
    return schools.order_by("code").first()


def write_delegates(province: Node, day: Any, logins: list[Any]) -> dict[str, int]:
    """YS001's school union: confirmed delegates with the printed student; its first
    college union (by name) with students: a list under notice."""
    school = first_school(province)
    if school is None:
        return {"delegate_lists": 0}
    today = day.today
    clock = Clock(today)
    advisor = _advisor(school)
    student = next(
        (
            User.objects.filter(school=school, number=login.login).first()
            for login in logins
            if login.role == Role.STUDENT and login.school_code == school.code
        ),
        None,
    )
    written = 0
    union = Node.objects.filter(school_id=school.pk, kind=NodeKind.SCHOOL_UNION).first()
    creator = _president(union) if union else None
    if union is not None and creator is not None:
        # The sessions part's held session when it wrote one; else a new approved one,
        # held once its delegates are confirmed; else its approved one, left approved.
        session = session_for(
            union,
            SessionState.APPROVED,
            creator=advisor or creator,
            on=today,
            reuse=(SessionState.HELD, SessionState.REPORTED, SessionState.CLOSED),
        )
        mine = session is not None and session.state == SessionState.APPROVED
        if session is None:
            session = session_for(
                union, SessionState.APPROVED, creator=creator, on=today, reuse=PREPARABLE
            )
        walked = session is not None and _walk(
            union, session, clock=clock, must=student, prepared=20, submitted=14, confirmed=6
        )
        if session is not None and walked:
            written += 1
            if mine:
                held_on = clock.back(3).date()
                Session.objects.filter(pk=session.pk).update(
                    state=SessionState.HELD,
                    held_start=held_on,
                    held_end=held_on,
                    attendance=session.delegate_seats,
                )
    tried = 0
    college_unions = Node.objects.filter(school_id=school.pk, kind=NodeKind.COLLEGE_UNION)
    for college_union in college_unions.order_by("name", "pk"):
        creator = _president(college_union)
        if creator is None or not student_counts(college_union):
            continue
        session = session_for(
            college_union,
            SessionState.APPROVED,
            creator=advisor or creator,
            on=today,
            reuse=PREPARABLE,
        )
        if session is None:
            continue
        college_list = _walk(
            college_union, session, clock=clock, must=None, prepared=4, submitted=1, confirmed=None
        )
        written += 1 if college_list else 0
        tried += 1
        # A small college whose only students hold office cannot pass the 60 % rule: its
        # list stays a draft, and the next college union shows the notice.
        noticed = college_list is not None and college_list.state == DelegateListState.NOTICE
        if noticed or tried >= MAX_TRIES:
            break
    return {"delegate_lists": written}
