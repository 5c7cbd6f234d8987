"""What the rating table shows of each union's congress in a year, for a page of unions in
a bounded number of queries (three, whatever the number of unions: the sessions, the
congress lines through selectors.on_schedule, the ratings).

The rule for "applied / approved / held / report filed" in year Y:
- a session belongs to year Y when it was held in Y (held_start in Y) or, not held yet,
  when it was planned for Y (planned_start in Y); cancelled sessions count for nothing;
- the union *applied* in Y when such a session reached the application (申请) — returned
  applications included, the union did apply; *approved* when such a session was approved
  (批复) or went further (回执, held, reported, closed); *held* when such a session was held
  or went further; *report filed* when such a session's report was filed (reported or
  closed). A session's state says how far it got: the states form one line, planned →
  applied (or returned) → approved → confirmed → held → reported → closed.
- *on schedule* is selectors.on_schedule on the year's last day, or today for the running
  year (a union due in December is not late in June).

"Proposals handled" (提案办理) joins the table when part 2 (proposals, issue 14) exists: a
`proposals` fact here, read in one more grouped query, and its column on the page, the API
and the export. Until then the table has no such column — no value is shown for it.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from tongxin.accounts.models import Role
from tongxin.accounts.reach import node_scope
from tongxin.core.pagination import Page, paginate
from tongxin.orgs.models import Node, NodeKind
from tongxin.orgs.selectors import with_city_name

from .models import Grade, Rating, Session, SessionState
from .rules import RATING_FEDERATION_ROLES, SCHOOL_LEVEL_UNION_KINDS
from .selectors import ScheduleFact, on_schedule

# How far each state got along the line (RETURNED: applied, then sent back).
STATE_RANK: dict[str, int] = {
    SessionState.PLANNED: 0,
    SessionState.APPLIED: 1,
    SessionState.RETURNED: 1,
    SessionState.APPROVED: 2,
    SessionState.CONFIRMED: 3,
    SessionState.HELD: 4,
    SessionState.REPORTED: 5,
    SessionState.CLOSED: 6,
}
APPLIED, APPROVED, HELD, REPORTED = 1, 2, 4, 5


@dataclass(frozen=True)
class CongressFacts:  # 年度代表大会情况
    union_id: int
    applied: bool
    approved: bool
    held: bool
    reported: bool
    on_schedule: bool
    last_held_on: datetime.date | None
    due_on: datetime.date | None


def schedule_day(year: int, today: datetime.date | None = None) -> datetime.date:
    """The day "on schedule" is judged on for `year`: its last day, or today within it."""
    today = today or timezone.localdate()
    return min(today, datetime.date(year, 12, 31))


def _furthest(union_ids: list[int], year: int) -> dict[int, int]:
    """Each union's furthest state rank among its sessions of `year` (one query)."""
    in_year = Q(held_start__year=year) | Q(held_start__isnull=True, planned_start__year=year)
    rows = (
        Session.objects.filter(in_year, union_id__in=union_ids)
        .exclude(state=SessionState.CANCELLED)
        .values_list("union_id", "state")
    )
    furthest: dict[int, int] = {}
    for union_id, state in rows:
        furthest[union_id] = max(furthest.get(union_id, 0), STATE_RANK.get(state, 0))
    return furthest


def congress_facts(
    unions: Iterable[int], year: int, today: datetime.date | None = None
) -> dict[int, CongressFacts]:
    """Each union's congress facts of `year` (two queries)."""
    ids = list(unions)
    furthest = _furthest(ids, year)
    schedule = on_schedule(ids, on=schedule_day(year, today))
    facts = {}
    for union_id in ids:
        rank = furthest.get(union_id, 0)
        fact: ScheduleFact = schedule[union_id]
        facts[union_id] = CongressFacts(
            union_id=union_id,
            applied=rank >= APPLIED,
            approved=rank >= APPROVED,
            held=rank >= HELD,
            reported=rank >= REPORTED,
            on_schedule=fact.on_schedule,
            last_held_on=fact.last_held_on,
            due_on=fact.due_on,
        )
    return facts


def ratings_of(unions: Iterable[int], year: int) -> dict[int, Rating]:
    """The unions' ratings of `year` (one query)."""
    rows = Rating.objects.filter(union_id__in=list(unions), year=year).select_related("rated_by")
    return {r.union_id: r for r in rows}


# --- the table's unions, scoped in the database (rules congress.view_rating) -------------

UNRATED = "none"  # the grade filter's "not rated yet"
GRADE_FILTERS = [*Grade.values, UNRATED]


def rating_union_list_for(*, actor: Any) -> QuerySet[Node]:
    """The unions whose rating the actor may read: school-level unions below their
    federation node, college unions of the school they advise (same rule as
    congress.view_rating, in SQL)."""
    federation = node_scope(actor, roles=RATING_FEDERATION_ROLES) & Q(
        kind__in=SCHOOL_LEVEL_UNION_KINDS
    )
    advisor = node_scope(actor, roles=(Role.ADVISOR,)) & Q(kind=NodeKind.COLLEGE_UNION)
    return Node.objects.filter(federation | advisor)


def rating_union_get_for(*, actor: Any, pk: int) -> Node:
    """One union, or Node.DoesNotExist when missing *or* out of reach (404)."""
    return rating_union_list_for(actor=actor).select_related("school").get(pk=pk)


def rating_table_for(*, actor: Any, year: int, grade: str = "") -> QuerySet[Node]:
    """The table's unions in tree order (city, school, union), filtered by the year's
    grade ("none": not rated yet), each with its school, its parent (a college union's
    college) and its city's name."""
    unions = rating_union_list_for(actor=actor)
    if grade == UNRATED:
        unions = unions.exclude(Exists(_rating_of(year)))
    elif grade in Grade.values:
        unions = unions.filter(Exists(_rating_of(year).filter(grade=grade)))
    return with_city_name(unions.select_related("school__parent", "parent")).order_by("path")


def _rating_of(year: int) -> QuerySet[Rating]:
    return Rating.objects.filter(union_id=OuterRef("pk"), year=year)


@dataclass(frozen=True)
class TableRow:  # 评定表的一行
    union: Node
    facts: CongressFacts
    rating: Rating | None
    may_rate: bool


def table_rows(
    unions: list[Node], year: int, *, actor: Any, today: datetime.date | None = None
) -> list[TableRow]:
    """The rows of these unions (three queries, whatever their number)."""
    ids = [u.pk for u in unions]
    facts = congress_facts(ids, year, today)
    ratings = ratings_of(ids, year)
    return [
        TableRow(u, facts[u.pk], ratings.get(u.pk), actor.has_perm("congress.rate_union", u))
        for u in unions
    ]


def rating_table_page(
    *, actor: Any, year: int, grade: str, number: int, today: datetime.date | None = None
) -> Page[TableRow]:
    """One page of the table: the unions' page (one query), then its rows (three)."""
    page = paginate(rating_table_for(actor=actor, year=year, grade=grade), number)
    rows = table_rows(page.items, year, actor=actor, today=today)
    return Page(items=rows, number=page.number, has_next=page.has_next)
