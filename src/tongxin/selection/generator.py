"""Selection (选拔) in the first school, walked through the selection app's own services.

    a 干事 candidate ──► recommended, awaiting the joint review
    a 副主席 candidate ──► consented, reviewed, decided ──► in public notice (公示)
    a 部长 candidate ──► reviewed ──► in notice ──► a student's objection: paused
    a 干事 candidate ──► reviewed ──► notice over ──► appointed (when the union has room)

Unlike the bulk-written province, these few candidacies go through the services with a
moved clock (`now=` working days before the build's `today`), so their timelines, notices
and audit events are exactly what the real path writes. Candidates are students of the
school who meet the rule today and hold no office.
"""

import datetime
from collections.abc import Callable, Iterator
from typing import Any

from tongxin.accounts.models import Membership, Position, Role, User
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node, NodeKind
from tongxin.selection import services as selection
from tongxin.selection.models import Candidacy
from tongxin.staff.eligibility import eligibility_of
from tongxin.staff.models import Department
from tongxin.workdays.calendar import is_workday, local_zone

RECOMMENDATION = "该生政治立场坚定，学习成绩优良，热心服务同学，曾组织多次班级活动，推荐参选。"
REVIEW = "经学生工作部门与校团委联合审查，该生政治面貌、学业成绩、品行和能力均符合要求。"
CONSENT = "经学院党组织研究，同意推荐。"
DECISION = "经校党委研究，同意该同志为校学生会主席团成员人选，按程序公示。"
OBJECTION = "该同学上学期曾缺席多次部门例会，希望核实其工作作风情况。"


def _candidates(school: Node, spared: set[str]) -> Iterator[User]:
    """Plain students of the school (no office now or before, not a printed demo login, whom
    an appointment would change) who meet the rule today."""
    officers = Membership.objects.filter(school=school, role=Role.OFFICER).values("user_id")
    students = (
        User.objects.filter(school=school, college__isnull=False, enrolment_year__isnull=False)
        .exclude(pk__in=officers)
        .exclude(number__in=spared)
        .select_related("school")
        .order_by("number")
    )
    for user in students.iterator(chunk_size=200):
        if eligibility_of(user).meets:
            yield user


def _person(school: Node, role: str, node: Node | None = None) -> User | None:
    memberships = Membership.objects.active().filter(school=school, role=role)
    if node is not None:
        memberships = memberships.filter(node=node)
    found = memberships.select_related("user").order_by("pk").first()
    return found.user if found else None


class Clock:
    """Working days back from the build's `today`, at ten in the morning."""

    def __init__(self, today: datetime.date) -> None:
        self.today = today

    def back(self, workdays: int, hour: int = 10) -> datetime.datetime:
        day = self.today
        for _ in range(workdays + 1):  # the first step lands on the last working day before today
            day -= datetime.timedelta(days=1)
            while not is_workday(day):
                day -= datetime.timedelta(days=1)
        return datetime.datetime.combine(day, datetime.time(hour), tzinfo=local_zone())


class Stories:
    def __init__(self, school: Node, today: datetime.date, spared: set[str]) -> None:
        self.school, self.clock = school, Clock(today)
        self.union = Node.objects.get(school=school, kind=NodeKind.SCHOOL_UNION)
        self.advisor = _person(school, Role.ADVISOR)
        self.departments = list(
            Department.objects.filter(union=self.union, is_active=True).order_by("pk")
        )
        self.candidates = _candidates(school, spared)

    def _recommend(self, position: str, days: int, department: Department | None) -> Candidacy:
        candidate = next(self.candidates)
        college = Node.objects.get(pk=candidate.college_id or 0)
        secretary = _person(self.school, Role.COLLEGE_SECRETARY, college)
        if secretary is None:
            raise DomainError(f"{college.name}没有团总支书记")
        return selection.candidacy_recommend(
            actor=secretary,
            candidate=candidate,
            union=self.union,
            position=position,
            department=department,
            recommendation=RECOMMENDATION,
            now=self.clock.back(days),
        )

    def _step(
        self, service: Callable[..., Candidacy], candidacy: Candidacy, **kw: Any
    ) -> Candidacy:
        return service(candidacy=candidacy, expected_version=candidacy.version, **kw)

    def _secretary(self, candidacy: Candidacy) -> User:
        found = _person(self.school, Role.COLLEGE_SECRETARY, candidacy.college)
        assert found is not None
        return found

    def waiting_for_review(self) -> Candidacy:
        return self._recommend(Position.MEMBER, 2, self.departments[0])

    def presidium_in_notice(self) -> Candidacy:
        c = self._recommend(Position.VICE_PRESIDENT, 9, None)
        c = self._step(
            selection.candidacy_consent,
            c,
            actor=self._secretary(c),
            note=CONSENT,
            now=self.clock.back(7),
        )
        c = self._step(
            selection.candidacy_review,
            c,
            actor=self.advisor,
            opinion=REVIEW,
            now=self.clock.back(5),
        )
        c = self._step(
            selection.candidacy_decide, c, actor=self.advisor, note=DECISION, now=self.clock.back(3)
        )
        return self._step(
            selection.candidacy_publish, c, actor=self.advisor, now=self.clock.back(2)
        )

    def paused_by_objection(self, objector: User) -> Candidacy:
        department = self.departments[min(1, len(self.departments) - 1)]
        c = self._recommend(Position.MINISTER, 6, department)
        c = self._step(
            selection.candidacy_review,
            c,
            actor=self.advisor,
            opinion=REVIEW,
            now=self.clock.back(4),
        )
        c = self._step(selection.candidacy_publish, c, actor=self.advisor, now=self.clock.back(3))
        selection.objection_lodge(
            actor=objector, candidacy=c, text=OBJECTION, now=self.clock.back(1)
        )
        return Candidacy.objects.get(pk=c.pk)

    def appointed(self) -> Candidacy:
        c = self._recommend(Position.MEMBER, 20, self.departments[-1])
        c = self._step(
            selection.candidacy_review,
            c,
            actor=self.advisor,
            opinion=REVIEW,
            now=self.clock.back(18),
        )
        c = self._step(selection.candidacy_publish, c, actor=self.advisor, now=self.clock.back(16))
        return self._step(
            selection.candidacy_appoint, c, actor=self.advisor, now=self.clock.back(8)
        )


def write_candidacies(
    school: Node | None, today: datetime.date, spared: set[str]
) -> dict[str, int]:
    """The four stories in `school` (skipped where the school lacks the people for them).
    `spared`: numbers of the school's printed logins; the printed student lodges the
    objection."""
    if school is None:
        return {"candidacies": 0}
    stories = Stories(school, today, spared)
    if stories.advisor is None or not stories.departments:
        return {"candidacies": 0}
    objector = (
        User.objects.filter(school=school, number__in=spared, memberships__role=Role.STUDENT)
        .exclude(memberships__role=Role.OFFICER)
        .order_by("number")
        .first()
    )
    written = 0
    plots: list[Callable[[], Candidacy]] = [stories.waiting_for_review, stories.presidium_in_notice]
    if objector is not None:
        plots.append(lambda: stories.paused_by_objection(objector))
    plots.append(stories.appointed)
    for plot in plots:
        try:
            plot()
        except StopIteration:  # no eligible student left: a tiny school
            break
        written += 1
    return {"candidacies": written}
