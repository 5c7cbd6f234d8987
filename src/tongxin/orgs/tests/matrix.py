"""The authorization matrix's rows of the orgs app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import (
    COUNTY,
    EVERYONE,
    OVER_COUNTY,
    SCHOOL_A,
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
