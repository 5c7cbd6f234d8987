"""The authorization matrix's rows of the orgs app (tests/test_authorization_matrix.py)."""

from tongxin.orgs.models import Node, NodeKind
from tongxin.orgs.selectors import node_list_for, school_list_for
from tongxin.testing.matrix import (
    COUNTY,
    EVERYONE,
    FEDERATION_ALL,
    OVER_COUNTY,
    OVER_SCHOOL_A,
    PEOPLE_A,
    SCHOOL_A,
    Grant,
    Row,
    others,
)

ROWS = [
    Row("school list", lambda p: "/orgs/schools/", OVER_COUNTY, SCHOOL_A),
    Row("own school's structure", lambda p: f"/orgs/nodes/{p.school_a.pk}/", others(*COUNTY), []),
    Row(
        "sibling school's structure",
        lambda p: f"/orgs/nodes/{p.school_b.pk}/",
        ["province_staff", "province_admin"],
        [],
    ),
    Row(
        "sibling city",
        lambda p: f"/orgs/nodes/{p.city_2.pk}/",
        ["province_staff", "province_admin"],
        [],
    ),
    Row("API org tree", lambda p: "/api/v1/orgs/nodes", EVERYONE, []),
    Row(
        "API own school node",
        lambda p: f"/api/v1/orgs/nodes/{p.school_a.pk}",
        others(*COUNTY),
        [],
    ),
    Row(
        "API sibling school node",
        lambda p: f"/api/v1/orgs/nodes/{p.school_b.pk}",
        ["province_staff", "province_admin"],
        [],
    ),
    # County 1 and its school C: its specialist and everyone above reach them.
    Row("county 1", lambda p: f"/orgs/nodes/{p.county_1.pk}/", OVER_COUNTY, []),
    Row("county school's structure", lambda p: f"/orgs/nodes/{p.school_c.pk}/", OVER_COUNTY, []),
    Row("API county school node", lambda p: f"/api/v1/orgs/nodes/{p.school_c.pk}", OVER_COUNTY, []),
]

GRANTS = [
    Grant(
        "school A in the org chart",
        "orgs.view_node",
        lambda p: p.school_a,
        [*PEOPLE_A, *OVER_SCHOOL_A],
        listed=node_list_for,
        among=lambda p: Node.objects.all(),
    ),
    Grant(
        "county school C in the org chart",
        "orgs.view_node",
        lambda p: p.school_c,
        ["student_c", "county_specialist", *OVER_SCHOOL_A],
    ),
    Grant(
        "records of school A",
        "orgs.reach_node",
        lambda p: p.school_a,
        ["advisor_a", *OVER_SCHOOL_A],
        listed=school_list_for,
        among=lambda p: Node.objects.filter(kind=NodeKind.SCHOOL),
    ),
    Grant(
        "records of county school C",
        "orgs.reach_node",
        lambda p: p.school_c,
        ["county_specialist", *OVER_SCHOOL_A],
    ),
    Grant(
        "add a node under college A1",
        "orgs.create_node",
        lambda p: p.college_a1,
        ["advisor_a", "province_admin"],
    ),
    Grant(
        "rename school B", "orgs.change_node", lambda p: p.school_b, ["advisor_b", "province_admin"]
    ),
    Grant("move class A1", "orgs.move_node", lambda p: p.class_a1, ["advisor_a", "province_admin"]),
    Grant("school list", "orgs.view_school_list", None, FEDERATION_ALL),
]
