"""The authorization matrix's rows of the staff app (tests/test_authorization_matrix.py)."""

from tongxin.orgs.models import UNION_KINDS, Node
from tongxin.staff.selectors import union_list_for
from tongxin.testing.matrix import (
    ADVISORS,
    COUNTY,
    EVERYONE,
    FEDERATION,
    FEDERATION_ALL,
    OFFICERS,
    OVER_COUNTY,
    OVER_SCHOOL_A,
    SECRETARIES,
    UNION_A,
    Grant,
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

GRANTS = [
    Grant(
        "unions page",
        "staff.open_unions",
        None,
        [*OFFICERS, *SECRETARIES, *ADVISORS, *FEDERATION_ALL],
    ),
    Grant(
        "the school union of A", "staff.view_union", lambda p: p.union_a, [*UNION_A, "advisor_a"]
    ),
    Grant(
        "college union A1",
        "staff.view_union",
        lambda p: p.college_union_a1,
        [*UNION_A, "college_officer_a1", "secretary_a1", "advisor_a"],
    ),
    Grant(
        "head counts of the school union of A",
        "staff.view_union_counts",
        lambda p: p.union_a,
        [*UNION_A, "advisor_a", *OVER_SCHOOL_A],
        listed=union_list_for,
        among=lambda p: Node.objects.filter(kind__in=UNION_KINDS),
    ),
    Grant("shape the school union of A", "staff.manage_union", lambda p: p.union_a, ["advisor_a"]),
    Grant("school A's structure", "staff.manage_school", lambda p: p.school_a, ["advisor_a"]),
    Grant(
        "upload school A's grades",
        "staff.upload_grades",
        lambda p: p.school_a,
        ["advisor_a", "academic_handler_a"],
    ),
    Grant("grades page", "staff.open_grade_upload", None, [*ADVISORS, "academic_handler_a"]),
    Grant(
        "a student's grades", "staff.view_grades", lambda p: p.student_a, ["student_a", "advisor_a"]
    ),
    Grant("school A's warnings", "staff.view_school_warnings", lambda p: p.school_a, ["advisor_a"]),
    Grant("school warnings page", "staff.open_school_warnings", None, ADVISORS),
    Grant(
        "warnings of the school union of A (its presidium)",
        "staff.view_union_warnings",
        lambda p: p.union_a,
        ["officer_a", "advisor_a"],
    ),
    Grant("staff limits", "staff.manage_limits", None, ["province_admin"]),
    Grant(
        "growth archive of a student of A1",
        "staff.view_archive",
        lambda p: p.student_a,
        ["student_a", "secretary_a1", "advisor_a"],
    ),
]
