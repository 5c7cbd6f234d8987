"""Read queries of the congress. The two facts the reform self-assessment reads answer for
many unions in a bounded number of queries (one each), whatever their number."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from tongxin.accounts.models import Role, User
from tongxin.accounts.roles import node_ids_where, school_ids_where
from tongxin.attachments.selectors import count_of as attachment_count
from tongxin.orgs.models import UNION_KINDS, Node, NodeKind

from .election_models import ElectionCandidate, ElectionState, Outcome
from .models import (
    OPEN_SESSION_STATES,
    CongressLine,
    CongressRule,
    Session,
    SessionEvent,
    SessionState,
)
from .rules import CITY_STAFF_ROLES, SUPERVISOR_ROLES
from .schedule import is_overdue, last_held, rules_by_level

# The states in which the union's next step waits for the union (its to-do items).
UNION_MOVES = [
    SessionState.PLANNED,
    SessionState.RETURNED,
    SessionState.APPROVED,
    SessionState.CONFIRMED,
    SessionState.HELD,
]


@dataclass(frozen=True)
class ScheduleFact:  # 按期召开
    union_id: int
    last_held_on: datetime.date | None  # in Tongxin or entered for before it
    due_on: datetime.date | None  # None: the union has no congress line
    on_schedule: bool  # not overdue on the day asked


def _ids(unions: Iterable[Node | int]) -> list[int]:
    return [u if isinstance(u, int) else u.pk for u in unions]


def on_schedule(unions: Iterable[Node | int], on: datetime.date) -> dict[int, ScheduleFact]:
    """Each union's schedule fact on `on`, in one query. A union without a line is not on
    schedule (nothing is known of its congress)."""
    ids = _ids(unions)
    lines = {line.union_id: line for line in CongressLine.objects.filter(union_id__in=ids)}
    facts = {}
    for union_id in ids:
        line = lines.get(union_id)
        if line is None:
            facts[union_id] = ScheduleFact(union_id, None, None, False)
            continue
        facts[union_id] = ScheduleFact(
            union_id, last_held(line), line.due_on, not is_overdue(line, on)
        )
    return facts


# The sessions whose elections tell who elected a union's presidium: held (or after), or
# under way (approved, confirmed: an election may run before the session is marked held).
ELECTING_SESSION_STATES = [
    SessionState.APPROVED,
    SessionState.CONFIRMED,
    SessionState.HELD,
    SessionState.REPORTED,
    SessionState.CLOSED,
]


def presidium_elected_by_congress(
    unions: Iterable[Node | int], on: datetime.date
) -> dict[int, bool | None]:
    """Was each union's presidium elected by its congress (DOMAIN.md §4) on `on`? True when
    the union's latest session held (or under way) by then has an election PUBLISHED by
    then that elected at least one person; False when such a session exists without one;
    None when the union has no such session. One query, whatever the number of unions."""
    ids = _ids(unions)
    end = datetime.datetime.combine(
        on + datetime.timedelta(days=1), datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    elected = ElectionCandidate.objects.filter(
        election__session=OuterRef("pk"),
        election__state=ElectionState.PUBLISHED,
        election__published_at__lt=end,
        outcome=Outcome.ELECTED,
    )
    started = Q(held_start__lte=on) | Q(held_start__isnull=True, created_at__lt=end)
    rows = (
        Session.objects.filter(union_id__in=ids, state__in=ELECTING_SESSION_STATES)
        .filter(started)
        .annotate(elected=Exists(elected))
        .order_by("union_id", "-number")
        .values_list("union_id", "elected")
    )
    facts: dict[int, bool | None] = dict.fromkeys(ids)
    for union_id, was in rows:
        if facts[union_id] is None:
            facts[union_id] = bool(was)
    return facts


# ---------------------------------------------------------------- sessions: reach


def supervised_node_ids(actor: Any) -> list[int]:
    """The nodes the actor supervises congresses for: the schools they advise, the cities
    whose federation they staff."""
    schools = node_ids_where(actor, Role.ADVISOR)
    cities = node_ids_where(actor, *CITY_STAFF_ROLES, node_kinds={NodeKind.CITY})
    return [*schools, *cities]


def _reach(actor: Any) -> Q:
    """Lines and sessions the actor sees (rules.sees_congress, as a filter)."""
    unions = node_ids_where(actor, Role.OFFICER, node_kinds=UNION_KINDS)
    advised = school_ids_where(actor, Role.ADVISOR)
    return (
        Q(union_id__in=unions)
        | Q(school_id__in=advised)
        | Q(supervisor_id__in=supervised_node_ids(actor))
    )


def line_get_for(*, actor: Any, pk: int) -> CongressLine:
    return CongressLine.objects.select_related("union", "school", "supervisor").get(
        _reach(actor), pk=pk
    )


def session_get_for(*, actor: Any, pk: int) -> Session:
    return Session.objects.select_related("line", "union", "school", "supervisor").get(
        _reach(actor), pk=pk
    )


def lines_for(*, actor: Any) -> QuerySet[CongressLine]:
    return CongressLine.objects.filter(_reach(actor)).select_related("union", "supervisor")


def officer_unions(actor: Any) -> list[Node]:
    """The unions where the actor holds office, in the order they took it."""
    ids = node_ids_where(actor, Role.OFFICER, node_kinds=UNION_KINDS)
    found = Node.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]


def line_of_union(union_id: int) -> CongressLine | None:
    return CongressLine.objects.filter(union_id=union_id).select_related("union").first()


def sessions_of(line: CongressLine) -> QuerySet[Session]:
    return Session.objects.filter(line=line).order_by("-number")


def open_session_of(line: CongressLine) -> Session | None:
    return Session.objects.filter(line=line, state__in=OPEN_SESSION_STATES).first()


def timeline_for(session: Session) -> QuerySet[SessionEvent]:
    return SessionEvent.objects.filter(session=session).order_by("created_at", "id")


def applications_for(*, actor: Any) -> QuerySet[Session]:
    """Applications waiting for the actor's decision (their supervised nodes), oldest first."""
    return (
        Session.objects.filter(
            supervisor_id__in=supervised_node_ids(actor), state=SessionState.APPLIED
        )
        .select_related("union", "school")
        .order_by("applied_at", "id")
    )


def watched_lines_for(*, actor: Any) -> QuerySet[CongressLine]:
    """The unions the actor watches for their schedule, soonest due first (an index walk on
    (school, due_on) or (supervisor, due_on)): the advisor sees the school's unions, city
    staff the school-level unions their city supervises."""
    advised = school_ids_where(actor, Role.ADVISOR)
    cities = node_ids_where(actor, *CITY_STAFF_ROLES, node_kinds={NodeKind.CITY})
    return (
        CongressLine.objects.filter(Q(school_id__in=advised) | Q(supervisor_id__in=cities))
        .select_related("union", "school")
        .order_by("due_on", "id")
    )


def sessions_to_move_for(*, actor: Any) -> QuerySet[Session]:
    """Open sessions of the actor's unions that wait for the union's next step."""
    unions = node_ids_where(actor, Role.OFFICER, node_kinds=UNION_KINDS)
    return (
        Session.objects.filter(union_id__in=unions, state__in=UNION_MOVES)
        .select_related("union")
        .order_by("updated_at", "id")
    )


# ---------------------------------------------------------------- sessions: people and facts


def officers_of(union_id: int) -> list[User]:
    return list(
        User.objects.filter(
            memberships__node_id=union_id,
            memberships__role=Role.OFFICER,
            memberships__end__isnull=True,
        ).distinct()
    )


def supervisors_of(node_id: int) -> list[User]:
    """The people who act for a supervising node: its advisors (a school) or its federation
    staff (a city)."""
    return list(
        User.objects.filter(
            memberships__node_id=node_id,
            memberships__role__in=SUPERVISOR_ROLES,
            memberships__end__isnull=True,
        ).distinct()
    )


def advisors_of(school_id: int) -> list[User]:
    return list(
        User.objects.filter(
            memberships__node_id=school_id,
            memberships__role=Role.ADVISOR,
            memberships__end__isnull=True,
        ).distinct()
    )


def college_student_count(college_id: int) -> int:
    """The college's students now (live, not the school's recorded size)."""
    return (
        User.objects.filter(
            college_id=college_id,
            memberships__role=Role.STUDENT,
            memberships__end__isnull=True,
        )
        .distinct()
        .count()
    )


def lines_to_remind(on: datetime.date, reminder_days: dict[str, int]) -> QuerySet[CongressLine]:
    """Lines due within their level's reminder window from `on` and not yet reminded for
    that due date (an index walk on due_on per level)."""
    wanted = Q()
    for level, days in reminder_days.items():
        wanted |= Q(level=level, due_on__lte=on + datetime.timedelta(days=days))
    return (
        CongressLine.objects.filter(wanted, due_on__gte=on)
        .exclude(reminded_for=F("due_on"))
        .select_related("union", "school")
        .order_by("due_on", "id")
    )


def rules_list() -> list[CongressRule]:
    return list(rules_by_level().values())


def has_attachments(subject: Any) -> bool:
    return attachment_count(subject) > 0


def sessions_for(*, actor: Any) -> QuerySet[Session]:
    """Every session the actor sees (rules: congress.view_session), newest first."""
    return Session.objects.filter(_reach(actor)).order_by("-created_at", "-id")


def overdue_count(
    *, school_id: int | None = None, supervisor_id: int | None = None, on: datetime.date
) -> int:
    """How many of a school's unions (or a supervisor's) are past their due date (an index
    range on (school, due_on) or (supervisor, due_on))."""
    lines = CongressLine.objects.filter(due_on__lt=on)
    if school_id is not None:
        lines = lines.filter(school_id=school_id)
    if supervisor_id is not None:
        lines = lines.filter(supervisor_id=supervisor_id)
    return lines.count()
