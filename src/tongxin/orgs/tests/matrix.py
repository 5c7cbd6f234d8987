"""The authorization matrix's rows of the orgs app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import EVERYONE, FEDERATION, SCHOOL_A, Row

ROWS = [
    Row("school list", lambda p: "/orgs/schools/", FEDERATION, SCHOOL_A),
    Row("own school's structure", lambda p: f"/orgs/nodes/{p.school_a.pk}/", EVERYONE, []),
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
    Row("API own school node", lambda p: f"/api/v1/orgs/nodes/{p.school_a.pk}", EVERYONE, []),
    Row(
        "API sibling school node",
        lambda p: f"/api/v1/orgs/nodes/{p.school_b.pk}",
        ["province_staff", "province_admin"],
        [],
    ),
]
