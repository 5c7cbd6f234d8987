"""Counties (县（区）团委) in the tree: under a city, holding schools that belong to the city."""

import pytest

from tongxin.core.errors import DomainError
from tongxin.orgs.models import ALLOWED_CHILDREN, NodeKind
from tongxin.orgs.selectors import city_of, school_list_for, with_city_name
from tongxin.orgs.services import node_create


def test_a_city_holds_schools_and_counties_and_a_county_holds_schools():
    assert ALLOWED_CHILDREN[NodeKind.CITY] == {NodeKind.SCHOOL, NodeKind.COUNTY}
    assert ALLOWED_CHILDREN[NodeKind.COUNTY] == {NodeKind.SCHOOL}


def test_the_admin_creates_a_county_and_a_school_in_it(province):
    county = node_create(
        actor=province.province_admin, parent=province.city_2, kind=NodeKind.COUNTY, name="某县团委"
    )
    school = node_create(
        actor=province.province_admin,
        parent=county,
        kind=NodeKind.SCHOOL,
        name="某县职教中心",
        code="TX01",
        school_type="secondary_vocational",
    )
    assert school.path == f"{province.city_2.path}{county.pk}/{school.pk}/"
    assert school.school_id == school.pk and county.school_id is None
    assert city_of(school) == province.city_2


def test_a_county_holds_no_college(province):
    with pytest.raises(DomainError) as err:
        node_create(
            actor=province.province_admin,
            parent=province.county_1,
            kind=NodeKind.COLLEGE,
            name="学院",
        )
    assert err.value.field == "kind"


def test_city_of_a_school_under_a_county_and_directly_under_a_city(province):
    assert city_of(province.school_c) == province.city_1
    assert city_of(province.school_a) == province.city_1
    assert city_of(province.union_c) == province.city_1
    assert city_of(province.county_1) == province.city_1
    assert city_of(province.city_2) == province.city_2
    assert city_of(province.province) is None


def test_the_school_list_names_each_school_city(province):
    schools = with_city_name(school_list_for(actor=province.province_admin))
    assert {s.code: s.city_name for s in schools} == {
        "TA01": "一市学联",
        "TB01": "二市学联",
        "TC01": "一市学联",
    }
