"""The plan at full scale, without a database: sizes, limits and determinism."""

import datetime
from collections import Counter, defaultdict

import pytest

from tongxin.accounts.models import PRESIDIUM_POSITIONS, UNION_POSITIONS, Position, Role
from tongxin.demo.generate import DEFAULT_SEED, plan_province
from tongxin.demo.naming import ELIGIBLE_STATUSES
from tongxin.demo.plan import DemoScale, PostSpec, ProvincePlan, academic_year_of, allocate
from tongxin.demo.rosters import COLLEGE_UNION, SCHOOL_UNION, roster_positions
from tongxin.orgs.models import NodeKind, SchoolType

TODAY = datetime.date(2026, 11, 27)


@pytest.fixture(scope="module")
def full() -> ProvincePlan:
    return plan_province(seed=DEFAULT_SEED, scale=DemoScale(), today=TODAY)


def _officer_terms(plan: ProvincePlan) -> dict[tuple[str, bool], list[PostSpec]]:
    """Officer posts per (union key, current term?)."""
    terms: dict[tuple[str, bool], list[PostSpec]] = defaultdict(list)
    for post in plan.posts:
        if post.role == Role.OFFICER:
            terms[(post.node, post.end is None)].append(post)
    return terms


def test_full_plan_has_the_promised_size(full):
    kinds = Counter(node.kind for node in full.nodes)
    students = [post for post in full.posts if post.role == Role.STUDENT]
    assert kinds[NodeKind.PROVINCE] == 1
    assert kinds[NodeKind.CITY] == 11
    assert kinds[NodeKind.SCHOOL] == 140
    assert len(students) == 20_000
    codes = [node.code for node in full.nodes if node.kind == NodeKind.SCHOOL]
    assert codes == [f"YS{i:03d}" for i in range(1, 141)]


def test_full_plan_mixes_school_types_and_colleges_by_size(full):
    schools = [node for node in full.nodes if node.kind == NodeKind.SCHOOL]
    types = Counter(node.attrs["school_type"] for node in schools)
    assert set(types) == set(SchoolType) - {SchoolType.GENERAL_HIGH}  # no high school in 演示省
    parents = {node.key: node.kind for node in full.nodes}
    in_counties = [s for s in schools if parents[s.parent or ""] == NodeKind.COUNTY]
    assert {s.attrs["school_type"] for s in in_counties} == {SchoolType.SECONDARY_VOCATIONAL}
    assert len(in_counties) == types[SchoolType.SECONDARY_VOCATIONAL]
    assert schools[0].attrs["school_type"] == SchoolType.UNDERGRADUATE
    colleges = Counter(node.parent for node in full.nodes if node.kind == NodeKind.COLLEGE)
    assert all(3 <= colleges[school.key] <= 12 for school in schools)
    graduate_unions = {n.parent for n in full.nodes if n.kind == NodeKind.GRADUATE_UNION}
    undergraduate = {s.key for s in schools if s.attrs["school_type"] == SchoolType.UNDERGRADUATE}
    assert graduate_unions == undergraduate
    assert len({school.name for school in schools}) == 140


def test_union_rosters_keep_the_limits_but_a_few_on_purpose(full):
    kinds = {node.key: node.kind for node in full.nodes}
    over_presidium = []
    for (union, current), posts in _officer_terms(full).items():
        positions = Counter(post.position for post in posts)
        presidium = sum(positions[p] for p in PRESIDIUM_POSITIONS)
        assert set(positions) <= UNION_POSITIONS
        assert positions[Position.PRESIDENT] == 1
        if kinds[union] == NodeKind.COLLEGE_UNION:
            assert presidium <= 3 and len(posts) <= 20
        else:
            assert len(posts) <= 40 and positions[Position.MINISTER] <= 6
            if presidium > 5:
                assert current and kinds[union] == NodeKind.SCHOOL_UNION and presidium == 6
                over_presidium.append(union)
    assert 1 <= len(over_presidium) <= 10
    departments = Counter(spec.union for spec in full.departments)
    over = {union: count for union, count in departments.items() if count > 6}
    assert over == {"YS001/su": 7}


def test_every_school_union_has_a_full_roster_and_history(full):
    terms = _officer_terms(full)
    for node in full.nodes:
        if node.kind == NodeKind.SCHOOL_UNION:
            assert len(terms[(node.key, True)]) >= 5
            ended = terms[(node.key, False)]
            assert ended and all(post.end_reason == "任期届满" for post in ended)


def test_officers_are_league_or_party_students_of_their_school(full):
    people = {person.username: person for person in full.people}
    students = {post.username for post in full.posts if post.role == Role.STUDENT}
    school_of = {node.key: node.key.split("/")[0] for node in full.nodes}
    officers = [post for post in full.posts if post.role == Role.OFFICER]
    assert len({post.username for post in officers if post.end is None}) == len(
        [post for post in officers if post.end is None]
    )  # one current position per person
    for post in officers:
        person = people[post.username]
        assert post.username in students
        assert person.political_status in ELIGIBLE_STATUSES
        assert person.school == school_of[post.node]


def test_each_school_has_its_staff(full):
    by_school: dict[str, Counter[str]] = defaultdict(Counter)
    heads = Counter()
    for post in full.posts:
        if post.role in {Role.ADVISOR, Role.COLLEGE_SECRETARY, Role.OFFICE_HANDLER}:
            by_school[post.node.split("/")[0]][post.role] += 1
        if post.position == Position.OFFICE_HEAD:
            heads[post.node] += 1
    colleges = Counter(n.parent for n in full.nodes if n.kind == NodeKind.COLLEGE)
    for school, roles in by_school.items():
        assert roles[Role.ADVISOR] == 1
        assert roles[Role.COLLEGE_SECRETARY] == colleges[school]
        assert roles[Role.OFFICE_HANDLER] == 14
    assert len(heads) == 140 * 7 and set(heads.values()) == {1}


def test_people_are_unique_and_plausible(full):
    usernames = [person.username for person in full.people]
    assert len(usernames) == len(set(usernames))
    students = [person for person in full.people if person.enrolment_year]
    assert all(len(p.number) == 10 and p.number.startswith(str(p.enrolment_year)) for p in students)
    assert all(len(p.phone) == 11 and p.phone.startswith("1") for p in full.people)
    assert all(2 <= len(p.real_name) <= 3 for p in full.people)


def test_same_seed_same_plan_other_seed_other_plan():
    scale = DemoScale(cities=3, schools=8, students=800)
    first = plan_province(seed=7, scale=scale, today=TODAY)
    again = plan_province(seed=7, scale=scale, today=TODAY)
    other = plan_province(seed=8, scale=scale, today=TODAY)
    assert first == again
    assert [p.real_name for p in first.people] != [p.real_name for p in other.people]


def test_roster_positions_fill_presidium_then_departments():
    assert roster_positions(40, SCHOOL_UNION).count(Position.VICE_PRESIDENT) == 4
    assert roster_positions(60, SCHOOL_UNION).__len__() == 40
    assert roster_positions(3, COLLEGE_UNION) == [
        Position.PRESIDENT,
        Position.MINISTER,
        Position.MEMBER,
    ]
    assert roster_positions(0, COLLEGE_UNION) == []


def test_allocate_is_exact_and_respects_the_minimum():
    assert allocate(10, [1.0, 1.0, 1.0]) == [4, 3, 3]
    assert sum(allocate(20_000, [3.0, 1.5, 0.2])) == 20_000
    assert min(allocate(5, [100.0, 1.0], minimum=1)) == 1


def test_academic_year_starts_on_the_first_of_september():
    assert academic_year_of(datetime.date(2026, 8, 31)) == 2025
    assert academic_year_of(datetime.date(2026, 9, 1)) == 2026
    plan = plan_province(seed=1, scale=DemoScale(1, 1, 40), today=datetime.date(2027, 3, 1))
    years = {p.enrolment_year for p in plan.people if p.enrolment_year}
    assert max(years) == 2026
    assert all(post.start <= datetime.date(2027, 3, 1) for post in plan.posts)
    assert all(post.end < datetime.date(2027, 3, 1) for post in plan.posts if post.end)
