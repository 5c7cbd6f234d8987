"""People of the demo province: students in their classes, school staff (league advisor,
college league secretaries, office handlers), federation staff and the counties'
specialists."""

import datetime
from dataclasses import dataclass, field

from tongxin.accounts.models import Position, Role, StudentLevel, User

from .catalogue import COUNTY_NAMES
from .naming import GRADUATE_MIX, STUDENT_MIX, TEACHER_MIX, Namer
from .plan import DemoScale, PersonSpec, PostSpec, ProvincePlan
from .schools import (
    OFFICES,
    PROVINCE_KEY,
    ClassSpec,
    CollegeSpec,
    SchoolSpec,
    city_key,
    county_key,
)

GRADUATE_NUMBER_BASE = 8000  # graduate numbers run 2026018001…, undergraduates from …0001
CITY_STAFF_USERNAME = "city{index:02d}"
COUNTY_SPECIALIST_USERNAME = "county{index:02d}{number}"
PROVINCE_STAFF_USERNAME = "province_staff"
PROVINCE_ADMIN_USERNAME = "province_admin"


@dataclass
class SchoolPeople:
    """A school's students, grouped the way rosters draw on them."""

    undergraduates: dict[str, list[PersonSpec]] = field(default_factory=dict)  # by college key
    graduates: list[PersonSpec] = field(default_factory=list)

    def all_undergraduates(self) -> list[PersonSpec]:
        return [p for people in self.undergraduates.values() for p in people]


def september(year: int) -> datetime.date:
    return datetime.date(year, 9, 1)


def _student(
    namer: Namer, school: SchoolSpec, college: CollegeSpec, klass: ClassSpec, seq: int
) -> PersonSpec:
    number = f"{klass.year}{college.no:02d}{seq:04d}"
    graduate = klass.level == StudentLevel.GRADUATE
    return PersonSpec(
        username=User.school_username(school.code, number),
        real_name=namer.person_name(),
        number=number,
        school=school.code,
        college=college.key,
        klass=klass.key,
        major=klass.major,
        enrolment_year=klass.year,
        level=klass.level,
        political_status=namer.status(GRADUATE_MIX if graduate else STUDENT_MIX),
        phone=namer.phone(),
    )


def _fill_class(
    namer: Namer,
    plan: ProvincePlan,
    school: SchoolSpec,
    college: CollegeSpec,
    klass: ClassSpec,
    seqs: dict[tuple[int, str], int],
) -> list[PersonSpec]:
    """The class's students, numbered on from `seqs` (per enrolment year and level)."""
    key = (klass.year, klass.level)
    base = GRADUATE_NUMBER_BASE if klass.level == StudentLevel.GRADUATE else 0
    first = seqs.get(key, base)
    seqs[key] = first + klass.size
    students = [_student(namer, school, college, klass, first + i + 1) for i in range(klass.size)]
    start = september(klass.year)
    plan.people += students
    plan.posts += [PostSpec(p.username, klass.key, Role.STUDENT, start) for p in students]
    return students


def plan_students(namer: Namer, school: SchoolSpec, plan: ProvincePlan) -> SchoolPeople:
    """Every class filled with its students, each holding the student role at the class."""
    people = SchoolPeople()
    for college in school.colleges:
        undergraduates = people.undergraduates.setdefault(college.key, [])
        seqs: dict[tuple[int, str], int] = {}
        for klass in college.classes:
            students = _fill_class(namer, plan, school, college, klass, seqs)
            graduate = klass.level == StudentLevel.GRADUATE
            (people.graduates if graduate else undergraduates).extend(students)
    return people


def _teacher(
    namer: Namer, plan: ProvincePlan, school: SchoolSpec, number: str, college: str | None = None
) -> PersonSpec:
    person = PersonSpec(
        username=User.school_username(school.code, number),
        real_name=namer.person_name(),
        number=number,
        school=school.code,
        college=college,
        political_status=namer.status(TEACHER_MIX),
        phone=namer.phone(),
    )
    plan.people.append(person)
    return person


def _since(namer: Namer, plan: ProvincePlan) -> datetime.date:
    return september(plan.academic_year - namer.rng.randrange(0, 8))


def plan_staff(namer: Namer, school: SchoolSpec, plan: ProvincePlan) -> None:
    """One league advisor (T0001), one secretary per college (T01nn), two handlers per
    office (T02k1 is the office head, T02k2 a handler)."""
    advisor = _teacher(namer, plan, school, "T0001")
    plan.posts.append(PostSpec(advisor.username, school.code, Role.ADVISOR, _since(namer, plan)))
    for college in school.colleges:
        secretary = _teacher(namer, plan, school, f"T01{college.no:02d}", college.key)
        start = _since(namer, plan)
        plan.posts.append(PostSpec(secretary.username, college.key, Role.COLLEGE_SECRETARY, start))
    for index, (kind, _name) in enumerate(OFFICES, start=1):
        for seat, position in ((1, Position.OFFICE_HEAD), (2, "")):
            handler = _teacher(namer, plan, school, f"T02{index}{seat}")
            plan.posts.append(
                PostSpec(
                    handler.username,
                    school.office_key(kind),
                    Role.OFFICE_HANDLER,
                    _since(namer, plan),
                    position=position,
                )
            )


def _federation_person(
    namer: Namer, plan: ProvincePlan, username: str, node: str, role: str
) -> None:
    person = PersonSpec(username=username, real_name=namer.person_name(), phone=namer.phone())
    plan.people.append(person)
    plan.posts.append(PostSpec(username, node, role, _since(namer, plan)))


def plan_federation_staff(namer: Namer, scale: DemoScale, plan: ProvincePlan) -> None:
    """One staff member per city, province staff and the province's federation admin."""
    for index in range(1, scale.cities + 1):
        username = CITY_STAFF_USERNAME.format(index=index)
        _federation_person(namer, plan, username, city_key(index), Role.FEDERATION_STAFF)
    _federation_person(namer, plan, PROVINCE_STAFF_USERNAME, PROVINCE_KEY, Role.FEDERATION_STAFF)
    _federation_person(namer, plan, PROVINCE_ADMIN_USERNAME, PROVINCE_KEY, Role.FEDERATION_ADMIN)


def plan_county_specialists(namer: Namer, scale: DemoScale, plan: ProvincePlan) -> None:
    """One student-union specialist (学生会组织工作专员) per county. Planned after everyone
    else, so their draws leave every other name and number of the plan as it was."""
    for index in range(1, scale.cities + 1):
        for number in range(1, len(COUNTY_NAMES) + 1):
            username = COUNTY_SPECIALIST_USERNAME.format(index=index, number=number)
            node = county_key(index, number)
            _federation_person(namer, plan, username, node, Role.COUNTY_SPECIALIST)
