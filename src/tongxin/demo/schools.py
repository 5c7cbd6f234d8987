"""The shape of the demo province: cities, their counties, schools, colleges and classes
(no people yet). A city's secondary vocational schools hang under its counties, the
others directly under the city."""

import math
import random
from dataclasses import dataclass, field

from tongxin.accounts.models import StudentLevel
from tongxin.orgs.models import NodeKind, OfficeKind, SchoolType

from .catalogue import (
    BACHELOR_COLLEGES,
    BACHELOR_SUFFIXES,
    CITY_NAMES,
    COUNTY_NAMES,
    PROVINCE_NAME,
    SECONDARY_COLLEGES,
    SECONDARY_SUFFIXES,
    VOCATIONAL_COLLEGES,
    VOCATIONAL_SUFFIXES,
)
from .plan import DemoScale, NodeSpec, allocate, clamp

PROVINCE_KEY = "province"
TYPE_ORDER = [
    SchoolType.UNDERGRADUATE,
    SchoolType.HIGHER_VOCATIONAL,
    SchoolType.SECONDARY_VOCATIONAL,
]
TYPE_WEIGHTS = [4.0, 4.0, 2.0]  # 本科 : 高职 : 中职
SIZE_RANGES = {  # real enrolment (在校生人数), not the number of demo accounts
    SchoolType.UNDERGRADUATE: (8_000, 36_000),
    SchoolType.HIGHER_VOCATIONAL: (5_000, 18_000),
    SchoolType.SECONDARY_VOCATIONAL: (1_200, 5_000),
}
MAX_COLLEGES = {
    SchoolType.UNDERGRADUATE: 12,
    SchoolType.HIGHER_VOCATIONAL: 8,
    SchoolType.SECONDARY_VOCATIONAL: 4,
}
SUFFIXES = {
    SchoolType.UNDERGRADUATE: BACHELOR_SUFFIXES,
    SchoolType.HIGHER_VOCATIONAL: VOCATIONAL_SUFFIXES,
    SchoolType.SECONDARY_VOCATIONAL: SECONDARY_SUFFIXES,
}
COLLEGES = {
    SchoolType.UNDERGRADUATE: BACHELOR_COLLEGES,
    SchoolType.HIGHER_VOCATIONAL: VOCATIONAL_COLLEGES,
    SchoolType.SECONDARY_VOCATIONAL: SECONDARY_COLLEGES,
}
OFFICES = [
    (OfficeKind.ACADEMIC, "教务处"),
    (OfficeKind.STUDENT_AFFAIRS, "学生工作处"),
    (OfficeKind.LOGISTICS, "后勤处"),
    (OfficeKind.SECURITY, "保卫处"),
    (OfficeKind.IT, "信息中心"),
    (OfficeKind.CLINIC, "校医院"),
    (OfficeKind.LIBRARY, "图书馆"),
]


@dataclass(slots=True)
class ClassSpec:
    key: str
    name: str
    major: str
    year: int
    level: str
    size: int


@dataclass(slots=True)
class CollegeSpec:
    key: str
    no: int
    name: str
    classes: list[ClassSpec] = field(default_factory=list)

    @property
    def union_key(self) -> str:
        return f"{self.key}/u"


@dataclass(slots=True)
class SchoolSpec:
    code: str
    name: str
    city: str
    school_type: str
    student_count: int
    campus_count: int
    demo_students: int = 0
    colleges: list[CollegeSpec] = field(default_factory=list)
    county: str | None = None  # the county's node key, for a school guided by a county

    @property
    def parent_key(self) -> str:
        return self.county or self.city

    @property
    def depth(self) -> int:
        return 3 if self.county else 2

    @property
    def union_key(self) -> str:
        return f"{self.code}/su"

    @property
    def graduate_union_key(self) -> str | None:
        return f"{self.code}/gu" if self.school_type == SchoolType.UNDERGRADUATE else None

    @property
    def allows_large_staff(self) -> bool:
        return self.student_count >= 20_000 or self.campus_count >= 2

    def office_key(self, kind: str) -> str:
        return f"{self.code}/o/{kind}"


def city_key(index: int) -> str:
    return f"city{index:02d}"


def city_name(index: int) -> str:
    base = CITY_NAMES[(index - 1) % len(CITY_NAMES)]
    return base if index <= len(CITY_NAMES) else f"{base}{index}"


def county_key(city: int, number: int) -> str:
    return f"{city_key(city)}/x{number}"


def federation_nodes(scale: DemoScale) -> list[NodeSpec]:
    """The province, its cities and each city's counties."""
    nodes = [NodeSpec(PROVINCE_KEY, NodeKind.PROVINCE, PROVINCE_NAME, None, 0)]
    for i in range(1, scale.cities + 1):
        nodes.append(NodeSpec(city_key(i), NodeKind.CITY, f"{city_name(i)}市学联", PROVINCE_KEY, 1))
        for n, county in enumerate(COUNTY_NAMES, start=1):
            name = f"{city_name(i)}市{county}团委"
            nodes.append(NodeSpec(county_key(i, n), NodeKind.COUNTY, name, city_key(i), 2))
    return nodes


def _place_in_counties(city: int, schools: list[SchoolSpec]) -> None:
    """The city's secondary vocational schools, taken in turn by its counties (no draw, so
    the rest of the plan stays as it was)."""
    secondary = [s for s in schools if s.school_type == SchoolType.SECONDARY_VOCATIONAL]
    for turn, school in enumerate(secondary):
        school.county = county_key(city, turn % len(COUNTY_NAMES) + 1)


def _school_types(rng: random.Random, count: int) -> list[str]:
    counts = allocate(count, TYPE_WEIGHTS)
    if count and counts[0] == 0:  # the first school (YS001) is always a university
        counts[counts.index(max(counts))] -= 1
        counts[0] += 1
    types = [str(t) for t, n in zip(TYPE_ORDER, counts, strict=True) for _ in range(n)]
    rng.shuffle(types)
    if types:
        first = types.index(SchoolType.UNDERGRADUATE)
        types[0], types[first] = types[first], types[0]
    return types


def _size(rng: random.Random, school_type: str) -> int:
    low, high = SIZE_RANGES[SchoolType(school_type)]
    return rng.randrange(low, high + 1, 100)


def _campuses(rng: random.Random, school_type: str, size: int) -> int:
    if school_type == SchoolType.SECONDARY_VOCATIONAL:
        return 1
    if school_type == SchoolType.UNDERGRADUATE and size >= 15_000:
        return rng.choices([1, 2, 3], weights=[5, 4, 1])[0]
    return rng.choices([1, 2], weights=[8, 2])[0]


def _name_city_schools(rng: random.Random, city: str, schools: list[SchoolSpec]) -> None:
    """The biggest school of each type takes the plain name (东江大学); others draw one."""
    used: dict[str, list[str]] = {t: [] for t in TYPE_ORDER}
    for school in schools:
        suffixes = SUFFIXES[SchoolType(school.school_type)]
        taken = used[school.school_type]
        pool = [s for s in suffixes if s not in taken]
        if not pool:
            suffix = f"第{len(taken) + 1}{suffixes[0]}"
        elif not taken:
            suffix = pool[0]
        else:
            suffix = rng.choice(pool)
        taken.append(suffix)
        school.name = f"{city}{suffix}"


def plan_schools(rng: random.Random, scale: DemoScale) -> list[SchoolSpec]:
    """Schools with type, size and name, spread over the cities; codes YS001… in order."""
    types = _school_types(rng, scale.schools)
    weights = [2.5] + [1.0 + rng.random() * 0.6 for _ in range(scale.cities - 1)]
    per_city = allocate(scale.schools, weights, minimum=1)
    schools: list[SchoolSpec] = []
    for index, count in enumerate(per_city, start=1):
        city_types, types = types[:count], types[count:]
        city_schools = []
        for school_type in city_types:
            size = _size(rng, school_type)
            campuses = _campuses(rng, school_type, size)
            city_schools.append(SchoolSpec("", "", city_key(index), school_type, size, campuses))
        city_schools.sort(
            key=lambda s: (TYPE_ORDER.index(SchoolType(s.school_type)), -s.student_count)
        )
        _name_city_schools(rng, city_name(index), city_schools)
        _place_in_counties(index, city_schools)
        schools.extend(city_schools)
    for number, school in enumerate(schools, start=1):
        school.code = f"YS{number:03d}"
    shares = allocate(scale.students, [math.sqrt(s.student_count) for s in schools], minimum=1)
    for school, share in zip(schools, shares, strict=True):
        school.demo_students = share
    return schools


def college_count(school: SchoolSpec) -> int:
    """3–12 colleges by enrolment, fewer at tiny scales (about 8 demo students each)."""
    by_size = round(3 + 9 * (school.student_count - 1_200) / 34_800)
    by_size = clamp(by_size, 3, MAX_COLLEGES[SchoolType(school.school_type)])
    return max(1, min(by_size, school.demo_students // 8))


def _graduates(rng: random.Random, school: SchoolSpec, size: int) -> int:
    """Universities have graduate students in most colleges (10–20 % of the college)."""
    if school.school_type != SchoolType.UNDERGRADUATE or rng.random() >= 0.75:
        return 0
    return min(round(size * rng.uniform(0.10, 0.20)), max(size - 1, 0))


def _undergraduate_classes(
    college: CollegeSpec, majors: list[str], size: int, years: list[int]
) -> list[ClassSpec]:
    count = clamp(round(size / 7), 1, 8) if size else 0
    seen: dict[tuple[str, int], int] = {}
    classes = []
    for i, class_size in enumerate(allocate(size, [1.0] * count)):
        major, year = majors[i % len(majors)], years[i % len(years)]
        seen[(major, year)] = seen.get((major, year), 0) + 1
        name = f"{major}{year}级{seen[(major, year)]}班"
        key = f"{college.key}/k{i + 1:02d}"
        classes.append(ClassSpec(key, name, major, year, StudentLevel.UNDERGRADUATE, class_size))
    return classes


def _graduate_classes(
    college: CollegeSpec, majors: list[str], size: int, academic_year: int, first: int
) -> list[ClassSpec]:
    count = clamp(round(size / 8), 1, 3) if size else 0
    classes = []
    for i, class_size in enumerate(allocate(size, [1.0] * count)):
        major, year = majors[i % len(majors)], academic_year - i
        key = f"{college.key}/k{first + i:02d}"
        name = f"{major}{year}级硕士研究生班"
        classes.append(ClassSpec(key, name, major, year, StudentLevel.GRADUATE, class_size))
    return classes


def plan_colleges(rng: random.Random, school: SchoolSpec, academic_year: int) -> None:
    """Colleges (catalogue order) with their classes; class sizes add up to the school's
    demo students."""
    catalogue = COLLEGES[SchoolType(school.school_type)]
    # The first college of the catalogue (computing) is everywhere; the rest are drawn.
    count = min(college_count(school), len(catalogue))
    picks = [0, *sorted(rng.sample(range(1, len(catalogue)), count - 1))]
    sizes = allocate(school.demo_students, [0.6 + rng.random() for _ in picks])
    cohorts = 4 if school.school_type == SchoolType.UNDERGRADUATE else 3
    years = [academic_year - i for i in range(cohorts)]
    for no, (index, size) in enumerate(zip(picks, sizes, strict=True), start=1):
        name, majors = catalogue[index]
        college = CollegeSpec(f"{school.code}/c{no:02d}", no, name)
        graduates = _graduates(rng, school, size)
        college.classes = _undergraduate_classes(college, majors, size - graduates, years)
        first = len(college.classes) + 1
        college.classes += _graduate_classes(college, majors, graduates, academic_year, first)
        school.colleges.append(college)


def school_nodes(school: SchoolSpec) -> list[NodeSpec]:
    """The school's subtree: unions, offices, colleges, college unions and classes."""
    attrs = {
        "school_type": school.school_type,
        "student_count": school.student_count,
        "campus_count": school.campus_count,
        "allows_large_staff": school.allows_large_staff,
    }
    code, top = school.code, school.depth
    nodes = [
        NodeSpec(code, NodeKind.SCHOOL, school.name, school.parent_key, top, code=code, attrs=attrs)
    ]
    union = NodeSpec(school.union_key, NodeKind.SCHOOL_UNION, f"{school.name}学生会", code, top + 1)
    nodes.append(union)
    if school.graduate_union_key:
        name, graduate = f"{school.name}研究生会", NodeKind.GRADUATE_UNION
        nodes.append(NodeSpec(school.graduate_union_key, graduate, name, code, top + 1))
    for kind, name in OFFICES:
        attrs = {"office_kind": kind}
        key = school.office_key(kind)
        nodes.append(NodeSpec(key, NodeKind.OFFICE, name, code, top + 1, attrs=attrs))
    for college in school.colleges:
        nodes.append(NodeSpec(college.key, NodeKind.COLLEGE, college.name, code, top + 1))
        union_name = f"{college.name}学生会"
        nodes.append(
            NodeSpec(college.union_key, NodeKind.COLLEGE_UNION, union_name, college.key, top + 2)
        )
        for klass in college.classes:
            nodes.append(NodeSpec(klass.key, NodeKind.CLASS, klass.name, college.key, top + 2))
    return nodes
