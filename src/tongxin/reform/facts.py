"""What the self-assessment needs to know of many unions at once, in a bounded number of
queries whatever the number of schools, unions or officers (a test pins it):

1 the unions, 2 their officers on the day (with each person and school), 3 their
departments on the day, 4 the staff limits, 5–6 the officers' eligibility (the policy and
everyone's latest records: staff.eligibility, the rule's one place), 7 the officers'
appointments through the selection path, 8 the congress schedule, 9 the presidium's
election (congress selectors).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from tongxin.accounts.models import Membership, Position, Role
from tongxin.congress.selectors import ScheduleFact, on_schedule, presidium_elected_by_congress
from tongxin.orgs.models import Node, NodeKind
from tongxin.selection.models import Candidacy
from tongxin.selection.models import State as CandidacyState
from tongxin.staff.eligibility import Eligibility, eligibility_of_many
from tongxin.staff.limits import Limits, level_of, limits_table
from tongxin.staff.models import Department

from .models import Level

LEVEL_KINDS: dict[str, list[str]] = {
    Level.SCHOOL: [NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION],
    Level.COLLEGE: [NodeKind.COLLEGE_UNION],
}


@dataclass
class Officer:
    membership_id: int
    name: str
    position: str
    position_label: str
    eligibility: Eligibility | None = None
    selected: bool = False  # appointed through the selection path


@dataclass
class UnionFacts:  # 一个学生会的实际情况
    union: Node
    limits: Limits
    large: bool
    officers: list[Officer] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    schedule: ScheduleFact | None = None
    presidium_elected: bool | None = None


def judgement_day(year: int, today: datetime.date) -> datetime.date:
    """The day a year's facts are taken on: the academic year's last day, or today within it."""
    return min(today, datetime.date(year + 1, 8, 31))


def last_term_of(year: int) -> str:
    return f"{year}-{year + 1}-2"


def unions_of(level: str, scope: Node | None = None) -> QuerySet[Node]:
    unions = Node.objects.filter(kind__in=LEVEL_KINDS[level]).select_related("school")
    if scope is not None and scope.kind != NodeKind.PROVINCE:
        unions = unions.filter(path__startswith=scope.path)
    return unions.order_by("path")


def gather(unions: list[Node], *, on: datetime.date, year: int) -> dict[int, UnionFacts]:
    """Every union's facts on `on` (the academic year `year`'s)."""
    ids = [u.pk for u in unions]
    table = limits_table(on)
    facts: dict[int, UnionFacts] = {}
    for union in unions:
        large = union.school is not None and union.school.allows_large_staff
        facts[union.pk] = UnionFacts(union, table[(level_of(union), large)], large)
    _officers(facts, ids, on=on, year=year)
    _departments(facts, ids, on=on)
    for union_id, fact in on_schedule(ids, on).items():
        facts[union_id].schedule = fact
    for union_id, elected in presidium_elected_by_congress(ids, on).items():
        facts[union_id].presidium_elected = elected
    return facts


def _officers(
    facts: dict[int, UnionFacts], ids: list[int], *, on: datetime.date, year: int
) -> None:
    officers = Membership.objects.active(on).filter(node_id__in=ids, role=Role.OFFICER)
    memberships = list(officers.select_related("user__school").order_by("node_id", "pk"))
    eligibility = eligibility_of_many(
        [m.user for m in memberships],
        on=on,
        up_to=last_term_of(year),
        user_ids=officers.values("user_id"),
    )
    selected = set(
        Candidacy.objects.filter(
            union_id__in=ids, state=CandidacyState.APPOINTED, membership__isnull=False
        ).values_list("membership_id", flat=True)
    )
    # Labels once per pass: a lazy translation per membership costs seconds at province scale.
    labels = {value: str(label) for value, label in Position.choices}
    for m in memberships:
        facts[m.node_id].officers.append(
            Officer(
                membership_id=m.pk,
                name=m.user.real_name,
                position=m.position,
                position_label=labels.get(m.position, m.position) or "（未填写）",
                eligibility=eligibility.get(m.user_id),
                selected=m.pk in selected,
            )
        )


def _departments(facts: dict[int, UnionFacts], ids: list[int], *, on: datetime.date) -> None:
    end = datetime.datetime.combine(
        on + datetime.timedelta(days=1), datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    standing = Department.objects.filter(union_id__in=ids, created_at__lt=end).filter(
        Q(closed_at__isnull=True, is_active=True) | Q(closed_at__gte=end)
    )
    for union_id, name in standing.order_by("union_id", "pk").values_list("union_id", "name"):
        facts[union_id].departments.append(name)
