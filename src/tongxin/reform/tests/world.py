"""Set-up shared by the reform self-assessment's tests: unions staffed to given figures
(the published disclosures of DOMAIN.md §6), a congress line, the year's catalogues.

Straight through the ORM (set-up, not domain changes: no audit events). Every figure is
relative to the day the tests run on (time-machine may move it)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from tongxin.accounts.models import Membership, PoliticalStatus, Position, Role, User
from tongxin.congress.services.sessions import line_for
from tongxin.orgs.models import Node
from tongxin.selection.models import Candidacy
from tongxin.selection.models import State as CandidacyState
from tongxin.staff.calendar import academic_year_of
from tongxin.staff.models import Department
from tongxin.staff.tests.factories import give_record, student
from tongxin.testing.province import TinyProvince

from ..models import Catalogue, Level
from ..seed import seed_catalogue

DEPARTMENTS = [
    "学习部",
    "实践部",
    "权益服务部",
    "文体部",
    "宣传部",
    "组织部",
    "外联部",
    "志愿服务中心",
]


def this_year() -> int:
    return academic_year_of(timezone.localdate())


def catalogue(level: str = Level.SCHOOL, year: int | None = None) -> Catalogue:
    return seed_catalogue(year or this_year(), level)


@dataclass
class Staffed:
    union: Node
    memberships: list[Membership]
    departments: list[Department]


def staff_union(
    p: TinyProvince,
    union: str = "union_a",
    *,
    staff: int = 31,
    presidium: int = 5,
    departments: int | list[str] = 4,
    not_members: int = 0,
    failing_grades: int = 0,
    without_selection: int = 0,
    other_positions: int = 0,
    start: datetime.date | None = None,
    first_number: int = 700000,
) -> Staffed:
    """`union` of the tiny province with `staff` officers (the first `presidium` of them in
    the presidium), `departments` (a number of the usual ones, or names), `not_members`
    officers who are not League or Party members, `failing_grades` outside the top 30 %,
    `without_selection` appointed without a selection record, `other_positions` with a
    title the reform does not allow. Everyone else qualifies and was selected. The tiny
    province's own officers of `union` (officer_a) leave it the day before `start`, so the
    figures are exactly those given."""
    node = p.nodes[union]
    school_key = "a" if node.school_id == p.school_a.pk else "b"
    # Within this academic year (last year's facts are taken on its last day, 31 August).
    start = start or max(
        timezone.localdate() - datetime.timedelta(days=30), datetime.date(this_year(), 9, 1)
    )
    term = f"{this_year()}-{this_year() + 1}-1"
    names = departments if isinstance(departments, list) else DEPARTMENTS[:departments]
    made_departments = [
        Department.objects.create(union=node, school=node.school, name=name) for name in names
    ]
    Department.objects.filter(pk__in=[d.pk for d in made_departments]).update(
        created_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(9)))
    )
    Membership.objects.active().filter(node=node, role=Role.OFFICER).update(
        start=start - datetime.timedelta(days=400), end=start - datetime.timedelta(days=1)
    )
    memberships = []
    for index in range(staff):
        politics = PoliticalStatus.MASSES if index < not_members else PoliticalStatus.LEAGUE_MEMBER
        person = student(
            p,
            str(first_number + index),
            name=f"干部{index + 1}",
            politics=politics,
            school=school_key,
        )
        failing = not_members <= index < not_members + failing_grades
        give_record(p, person, rank=80 if failing else 5, cohort=100, term=term)
        memberships.append(
            Membership.objects.create(
                user=person,
                node=node,
                school=node.school,
                role=Role.OFFICER,
                position=_position(index, presidium, other_positions, staff),
                start=start,
            )
        )
    for m in memberships[without_selection:]:
        _selected(p, m)
    return Staffed(node, memberships, made_departments)


def _position(index: int, presidium: int, other_positions: int, staff: int) -> str:
    if index == 0:
        return Position.PRESIDENT
    if index < presidium:
        return Position.VICE_PRESIDENT
    if index >= staff - other_positions:
        return "secretary_general"  # 秘书长: not a union position (DOMAIN.md §1)
    return Position.MINISTER if index < presidium + 4 else Position.MEMBER


def _selected(p: TinyProvince, membership: Membership) -> Candidacy:
    user: User = membership.user
    return Candidacy.objects.create(
        school=membership.school,
        college=user.college,
        union=membership.node,
        candidate=user,
        position=membership.position if membership.position in Position.values else Position.MEMBER,
        state=CandidacyState.APPOINTED,
        recommended_by=p.advisor_a,
        recommendation="推荐。",
        membership=membership,
    )


def congress_held(union: Node, held_on: datetime.date) -> None:
    """The union's congress line with a congress held (before Tongxin) on `held_on`."""
    from tongxin.congress.schedule import refresh_due

    line = line_for(union)
    line.held_before_tongxin_on = held_on
    fields = refresh_due(line)
    line.save(update_fields=["held_before_tongxin_on", *fields])
