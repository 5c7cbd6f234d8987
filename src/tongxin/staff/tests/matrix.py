"""The authorization matrix's rows of the staff app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import (
    COUNTY,
    EVERYONE,
    FEDERATION,
    OVER_COUNTY,
    Row,
    others,
)

UNION_READERS = [
    "officer_a",
    "college_officer_a1",
    "secretary_a1",
    "advisor_a",
    *FEDERATION,
    *COUNTY,
]

ROWS = [
    Row("unions", lambda p: "/staff/unions/", UNION_READERS, others(*UNION_READERS)),
    Row(
        "school union of A",
        lambda p: f"/staff/unions/{p.union_a.pk}/",
        ["officer_a", "advisor_a", *FEDERATION],
        [],
    ),
    Row(
        "college union A1",
        lambda p: f"/staff/unions/{p.college_union_a1.pk}/",
        ["officer_a", "college_officer_a1", "secretary_a1", "advisor_a", *FEDERATION],
        [],
    ),
    Row(
        "sibling school's union",
        lambda p: f"/staff/unions/{p.union_b.pk}/",
        ["province_staff", "province_admin"],
        [],
    ),
    Row("grades upload", lambda p: "/staff/grades/", ["advisor_a"], others("advisor_a")),
    Row(
        "grades template",
        lambda p: "/staff/grades/template/",
        ["advisor_a"],  # a logistics handler uploads no grades, so gets no template either
        others("advisor_a"),
    ),
    Row("school warnings", lambda p: "/staff/warnings/", ["advisor_a"], others("advisor_a")),
    Row("my warnings", lambda p: "/staff/warnings/mine/", EVERYONE, []),
    Row(
        "growth archive of a student of A1",
        lambda p: f"/staff/people/{p.student_a.pk}/archive/",
        ["student_a", "advisor_a", "secretary_a1"],
        [],
    ),
    Row("staff limits", lambda p: "/staff/limits/", ["province_admin"], others("province_admin")),
    Row("county school's union", lambda p: f"/staff/unions/{p.union_c.pk}/", OVER_COUNTY, []),
]
