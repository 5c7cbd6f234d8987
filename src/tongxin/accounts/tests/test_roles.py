"""The shared role vocabulary on the tiny province: each question answered yes for a
persona who has the role there, no for one who has not, and no across a sibling school,
college, city or office."""

from types import SimpleNamespace

import pytest

from tongxin.accounts.models import Membership, Role, User
from tongxin.accounts.reach import forget_grants, grants_of
from tongxin.accounts.roles import (
    FEDERATION_ROLES,
    STUDENT_ROLES,
    advised_school,
    advises_person,
    advises_school,
    belongs_to_a_school,
    first_grant,
    grant_at,
    grant_over,
    has_role_at,
    holds_role,
    holds_role_at,
    holds_role_over,
    in_presidium_of,
    is_federation_member,
    is_office_head,
    is_self,
    likeliest_grant,
    node_ids_where,
    school_ids_where,
    secretary_of_person,
)
from tongxin.orgs.models import NodeKind


def person(province, key: str) -> User:
    """A persona loaded afresh, so their grants are read from the database."""
    return User.objects.get(pk=province.people[key].pk)


def test_federation_roles_hold_the_federation_staff_and_admin():
    # A subset: a federation level added below the city (a county) joins the group.
    assert {Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN} <= set(FEDERATION_ROLES)
    assert Role.ADVISOR not in FEDERATION_ROLES
    assert set(STUDENT_ROLES) == {Role.STUDENT, Role.OFFICER}


@pytest.mark.parametrize("build", [holds_role, holds_role_over, holds_role_at])
def test_a_predicate_without_roles_is_refused(build):
    with pytest.raises(ValueError):
        build()


# ------------------------------------------------------------------ holds_role


def test_holds_role_anywhere(province):
    is_trainer = holds_role(Role.ADVISOR, Role.COLLEGE_SECRETARY)
    assert is_trainer(person(province, "advisor_b"))
    assert is_trainer(person(province, "secretary_a1"))
    assert not is_trainer(person(province, "officer_a"))


def test_federation_member_is_federation_staff_or_admin(province):
    assert is_federation_member(person(province, "city_staff_1"))
    assert is_federation_member(person(province, "province_admin"))
    assert not is_federation_member(person(province, "advisor_a"))


# ------------------------------------------------------------------ holds_role_over


def test_holds_role_over_the_node_and_below(province):
    advises = holds_role_over(Role.ADVISOR)
    assert advises(person(province, "advisor_a"), province.school_a)
    assert advises(person(province, "advisor_a"), province.class_a1)
    assert not advises(person(province, "student_a"), province.class_a1)


def test_holds_role_over_refuses_the_sibling_school(province):
    advisor = person(province, "advisor_a")
    assert not advises_school(advisor, province.school_b)
    assert not advises_school(advisor, province.college_b1)


def test_holds_role_over_follows_the_college_union_linkage_but_not_to_siblings(province):
    over_union = holds_role_over(Role.OFFICER)
    assert over_union(person(province, "officer_a"), province.college_union_a1)
    assert over_union(person(province, "college_officer_a1"), province.college_union_a1)
    assert not over_union(person(province, "college_officer_a1"), province.college_union_a2)
    assert not over_union(person(province, "officer_a"), province.college_union_b1)


def test_holds_role_over_federation_reaches_its_city_only(province):
    federation_over = holds_role_over(*FEDERATION_ROLES)
    assert federation_over(person(province, "city_staff_1"), province.school_a)
    assert federation_over(person(province, "province_staff"), province.school_b)
    assert not federation_over(person(province, "city_staff_2"), province.school_a)


def test_holds_role_over_reads_the_node_at_a_dotted_attribute(province):
    round_ = SimpleNamespace(union=province.union_a)
    over_school = holds_role_over(Role.ADVISOR, node_attr="union.school")
    assert over_school(person(province, "advisor_a"), round_)
    assert not over_school(person(province, "advisor_b"), round_)
    assert not over_school(person(province, "officer_a"), round_)
    assert not over_school(person(province, "advisor_a"), SimpleNamespace(union=None))
    assert not over_school(person(province, "advisor_a"), None)


def test_advises_person_is_the_advisor_of_their_school(province):
    student = province.student_a
    assert advises_person(person(province, "advisor_a"), student)
    assert not advises_person(person(province, "secretary_a1"), student)
    assert not advises_person(person(province, "advisor_b"), student)
    assert not advises_person(person(province, "advisor_a"), None)


def test_secretary_of_person_is_the_secretary_of_their_college(province):
    student = province.student_a  # 计算机学院, college a1
    assert secretary_of_person(person(province, "secretary_a1"), student)
    assert not secretary_of_person(person(province, "handler_a"), student)
    assert not secretary_of_person(person(province, "secretary_a2"), student)


# ------------------------------------------------------------------ holds_role_at


def test_holds_role_at_exactly_the_node(province):
    officer_of = holds_role_at(Role.OFFICER)
    assert officer_of(person(province, "officer_a"), province.union_a)
    assert not officer_of(person(province, "student_a"), province.union_a)
    assert not officer_of(person(province, "officer_b"), province.union_a)


def test_holds_role_at_is_not_reach(province):
    # A school-union officer reaches the college unions but is no officer *of* them.
    officer_of = holds_role_at(Role.OFFICER)
    assert not officer_of(person(province, "officer_a"), province.college_union_a1)
    assert not officer_of(person(province, "college_officer_a1"), province.college_union_a2)


def test_holds_role_at_reads_an_id_attribute(province):
    handles = holds_role_at(Role.OFFICE_HANDLER, node_id_attr="lead_office_id")
    referred = SimpleNamespace(lead_office_id=province.logistics_office_a.pk)
    assert handles(person(province, "handler_a"), referred)
    assert not handles(person(province, "advisor_a"), referred)
    sibling = SimpleNamespace(lead_office_id=province.academic_office_a.pk)
    assert not handles(person(province, "handler_a"), sibling)
    assert not handles(person(province, "handler_a"), SimpleNamespace(lead_office_id=None))


def test_in_presidium_of_the_union_itself(province):
    assert in_presidium_of(person(province, "officer_a"), province.union_a)
    assert not in_presidium_of(person(province, "college_officer_a1"), province.college_union_a1)
    assert not in_presidium_of(person(province, "officer_a"), province.college_union_a1)
    assert not in_presidium_of(person(province, "officer_a"), province.union_b)


def test_is_office_head_of_their_own_office(province):
    office = province.logistics_office_a
    assert is_office_head(person(province, "office_head_a"), office.pk)
    assert not is_office_head(person(province, "handler_a"), office.pk)
    assert not is_office_head(person(province, "office_head_a"), province.academic_office_a.pk)
    assert not is_office_head(person(province, "office_head_a"), None)


def test_has_role_at(province):
    office = province.logistics_office_a
    assert has_role_at(person(province, "handler_a"), Role.OFFICE_HANDLER, node_id=office.pk)
    assert not has_role_at(person(province, "advisor_a"), Role.OFFICE_HANDLER, node_id=office.pk)
    sibling = province.academic_office_a.pk
    assert not has_role_at(person(province, "handler_a"), Role.OFFICE_HANDLER, node_id=sibling)


# ------------------------------------------------------------------ plain questions


def test_node_ids_where(province):
    handler = person(province, "handler_a")
    assert node_ids_where(handler, Role.OFFICE_HANDLER) == [province.logistics_office_a.pk]
    assert node_ids_where(handler, Role.OFFICE_HANDLER, school_id=province.school_b.pk) == []
    assert node_ids_where(person(province, "advisor_a"), Role.OFFICE_HANDLER) == []


def test_school_ids_where(province):
    assert school_ids_where(person(province, "student_a")) == [province.school_a.pk]
    assert school_ids_where(person(province, "student_b")) == [province.school_b.pk]
    assert school_ids_where(person(province, "city_staff_1")) == []
    assert school_ids_where(person(province, "student_a"), Role.ADVISOR) == []


def test_school_ids_where_by_node_kind(province):
    school_level = {NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION}
    officer = person(province, "officer_a")
    college_officer = person(province, "college_officer_a1")
    assert school_ids_where(officer, Role.OFFICER, node_kinds=school_level) == [
        province.school_a.pk
    ]
    assert school_ids_where(college_officer, Role.OFFICER, node_kinds=school_level) == []


def test_belongs_to_a_school(province):
    assert belongs_to_a_school(person(province, "student_a"))
    assert belongs_to_a_school(person(province, "handler_a"))
    assert not belongs_to_a_school(person(province, "province_staff"))


def test_is_self(province):
    student = person(province, "student_a")
    assert is_self(student, province.student_a)
    assert not is_self(student, province.student_a2)
    assert not is_self(student, None)


def test_first_grant_and_grant_at(province):
    officer = person(province, "officer_a")
    found = first_grant(officer, Role.OFFICER)
    assert found is not None and found.node_id == province.union_a.pk
    assert first_grant(officer, Role.STUDENT) is None
    assert grant_at(officer, Role.OFFICER, node_ids={province.union_a.pk}) == found
    assert grant_at(officer, Role.OFFICER, node_ids={province.union_b.pk}) is None


def test_grant_over_names_the_reaching_grant(province):
    city_staff = person(province, "city_staff_1")
    found = grant_over(city_staff, *FEDERATION_ROLES, node=province.school_a)
    assert found is not None and found.node_id == province.city_1.pk
    assert (
        grant_over(person(province, "city_staff_2"), *FEDERATION_ROLES, node=province.school_a)
        is None
    )
    assert (
        grant_over(person(province, "advisor_a"), *FEDERATION_ROLES, node=province.school_a) is None
    )


def test_likeliest_grant_prefers_a_position_in_the_school(province):
    officer = province.officer_a
    Membership.objects.create(
        user=officer, node=province.class_a1, school=province.school_a, role=Role.STUDENT
    )
    forget_grants(officer)
    found = likeliest_grant(officer, province.school_a.pk)
    assert found is not None and found.role == Role.OFFICER
    assert likeliest_grant(person(province, "advisor_b"), province.school_a.pk).role == Role.ADVISOR
    federation = likeliest_grant(person(province, "city_staff_1"), None)
    assert federation is not None and federation.node_id == province.city_1.pk
    assert likeliest_grant(User.objects.create_user("nobody", "x", real_name="无"), None) is None


def test_advised_school(province):
    assert advised_school(person(province, "advisor_a")) == province.school_a
    assert advised_school(person(province, "advisor_b")) == province.school_b
    assert advised_school(person(province, "secretary_a1")) is None


def test_questions_read_the_cached_grants_without_a_query(province, django_assert_num_queries):
    advisor, officer = person(province, "advisor_a"), person(province, "officer_a")
    grants_of(advisor), grants_of(officer)
    with django_assert_num_queries(0):
        assert advises_person(advisor, province.student_a)
        assert holds_role_at(Role.OFFICER)(officer, province.union_a)
        assert in_presidium_of(officer, province.union_a)
        assert school_ids_where(advisor, Role.ADVISOR) == [province.school_a.pk]
        assert not is_office_head(officer, province.logistics_office_a.pk)
