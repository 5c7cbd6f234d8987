"""A county specialist (学生会组织工作专员) reaches exactly their county's schools."""

import pytest

from tongxin.accounts.models import Membership, Role, User
from tongxin.accounts.reach import node_scope, reaches_node
from tongxin.accounts.services import membership_grant
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node, NodeKind, SchoolType
from tongxin.testing.province import make_node


@pytest.fixture
def sibling_county_school(province):
    county = make_node(NodeKind.COUNTY, "一市临江县团委", province.city_1)
    return make_node(
        NodeKind.SCHOOL,
        "临江职教中心",
        county,
        code="TD01",
        school_type=SchoolType.SECONDARY_VOCATIONAL,
    )


def test_the_specialist_reaches_the_county_school_and_its_unions(province, sibling_county_school):
    specialist = province.county_specialist
    for node in (province.county_1, province.school_c, province.union_c, province.class_c1):
        assert reaches_node(specialist, node), node
    assert not reaches_node(specialist, sibling_county_school)
    assert not reaches_node(specialist, province.school_a)
    assert not reaches_node(specialist, province.city_1)
    schools = Node.objects.filter(node_scope(specialist), kind=NodeKind.SCHOOL)
    assert list(schools) == [province.school_c]


def test_city_staff_reach_the_schools_of_their_counties(province, sibling_county_school):
    schools = Node.objects.filter(node_scope(province.city_staff_1), kind=NodeKind.SCHOOL)
    assert set(schools) == {province.school_a, province.school_c, sibling_county_school}
    assert not reaches_node(province.city_staff_2, province.school_c)


def test_the_specialist_role_is_held_at_a_county_only(province):
    person = User.objects.create_user("county9", "pw-1234567", real_name="林专员")
    with pytest.raises(DomainError) as err:
        membership_grant(
            actor=province.province_admin,
            user=person,
            node=province.city_1,
            role=Role.COUNTY_SPECIALIST,
        )
    assert err.value.field == "node"
    membership_grant(
        actor=province.province_admin,
        user=person,
        node=province.county_1,
        role=Role.COUNTY_SPECIALIST,
    )
    assert Membership.objects.filter(user=person, node=province.county_1).exists()
