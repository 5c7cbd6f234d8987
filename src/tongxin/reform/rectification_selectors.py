"""Reads of rectification (part G): the items a person reads (the union's readers and the
federations over it — the same reach as reform.view_rectification, in SQL), the gate for
one item, its notes, and the rectification rate (closed ÷ total) per school, city and the
reader's whole federation node, for one academic year (two queries whatever the count)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from tongxin.accounts.reach import node_scope
from tongxin.accounts.roles import FEDERATION_ROLES
from tongxin.core.authz import can
from tongxin.core.pagination import MAX_ID
from tongxin.orgs.models import Node
from tongxin.orgs.selectors import with_city_name

from .models import RectificationItem, RectificationNote, RectificationState
from .rules import SCHOOL_READERS

READERS = (*SCHOOL_READERS, *FEDERATION_ROLES)
STATES = {"open": RectificationState.OPEN, "closed": RectificationState.CLOSED}


def items_for(
    *, actor: Any, year: int | None = None, school: int | None = None, state: str = ""
) -> QuerySet[RectificationItem]:
    rows = RectificationItem.objects.filter(node_scope(actor, field="union__", roles=READERS))
    if year is not None:
        rows = rows.filter(assessment__academic_year=year)
    if school is not None:
        rows = rows.filter(school_id=school)
    if state in STATES:
        rows = rows.filter(state=STATES[state])
    return rows.select_related("result__indicator", "union", "school", "owner").order_by(
        "state", "due_on", "pk"
    )


def item_get_for(*, actor: Any, pk: int) -> RectificationItem:
    if not 0 < pk <= MAX_ID:
        raise RectificationItem.DoesNotExist
    item = (
        RectificationItem.objects.filter(pk=pk)
        .select_related(
            "result__indicator", "result__catalogue", "union", "school", "owner", "assessment"
        )
        .first()
    )
    if item is None or not can(actor, "reform.view_rectification", item):
        raise RectificationItem.DoesNotExist
    return item


def notes_of(item: RectificationItem) -> list[RectificationNote]:
    return list(RectificationNote.objects.filter(item=item).select_related("author"))


@dataclass
class Rate:
    name: str
    total: int = 0
    closed: int = 0
    node_id: int | None = None

    @property
    def percent(self) -> Decimal | None:
        if not self.total:
            return None
        share = Decimal(self.closed * 100) / Decimal(self.total)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Rates:
    year: int
    overall: Rate
    cities: list[Rate] = field(default_factory=list)
    schools: list[Rate] = field(default_factory=list)


def rates_for(*, actor: Any, year: int, scope_name: str) -> Rates:
    """Closed ÷ total of `year`'s items below the actor's federation node(s): overall, per
    city and per school (schools with items only), cities and schools by name."""
    counts = (
        RectificationItem.objects.filter(
            node_scope(actor, field="school__", roles=FEDERATION_ROLES),
            assessment__academic_year=year,
        )
        .values("school_id")
        .annotate(total=Count("pk"), closed=Count("pk", filter=Q(state=RectificationState.CLOSED)))
        .order_by()
    )
    by_school = {row["school_id"]: row for row in counts}
    schools = with_city_name(Node.objects.filter(pk__in=list(by_school))).order_by("code")
    overall = Rate(scope_name)
    cities: dict[str, Rate] = defaultdict(lambda: Rate(""))
    rows = []
    for school in schools:
        row = by_school[school.pk]
        rate = Rate(school.name, row["total"], row["closed"], school.pk)
        rows.append(rate)
        city_name = getattr(school, "city_name", None) or "—"
        city = cities[city_name]
        city.name, city.total, city.closed = (
            city_name,
            city.total + rate.total,
            city.closed + rate.closed,
        )
        overall.total += rate.total
        overall.closed += rate.closed
    return Rates(year, overall, sorted(cities.values(), key=lambda r: r.name), rows)
