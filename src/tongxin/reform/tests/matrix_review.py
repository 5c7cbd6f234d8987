"""Part E's rows (issue 17): the review list, the calendar, a school's assessment and the
posts of its steps and of its sheets' steps, and the API's reads. No new permission (the
foundation's grants in matrix_base cover the chain)."""

from tongxin.testing.matrix import COUNTY, OVER_SCHOOL_A, Grant, Row, others
from tongxin.testing.province import TinyProvince

REVIEWERS = ["advisor_a", *OVER_SCHOOL_A, *COUNTY]
OVER_A = ["advisor_a", *OVER_SCHOOL_A]


def populate(province: TinyProvince) -> None:
    """Nothing beyond matrix_base: school A's assessment is preparing, its sheets filling."""


def _a(p: TinyProvince) -> int:
    return int(p.issues["reform_assessment"].pk)


def _sheet(p: TinyProvince) -> int:
    return int(p.issues["reform_sheet"].pk)


def _college_sheet(p: TinyProvince) -> int:
    return int(p.issues["reform_college_sheet"].pk)


ROWS = [
    Row("reform: the review list", lambda p: "/reform/review/", REVIEWERS, others(*REVIEWERS)),
    Row(
        "reform: the review calendar",
        lambda p: "/reform/review/calendar/",
        ["province_admin"],
        others("province_admin"),
    ),
    Row("reform: school A's assessment", lambda p: f"/reform/assessments/{_a(p)}/", OVER_A, []),
    Row(
        "reform: submit school A's assessment (empty: the page again)",
        lambda p: f"/reform/assessments/{_a(p)}/submit/",
        ["advisor_a"],
        OVER_SCHOOL_A,
        method="post",
    ),
    Row(
        "reform: city review of school A's assessment (empty: the page again)",
        lambda p: f"/reform/assessments/{_a(p)}/city-approve/",
        ["city_staff_1"],
        ["advisor_a", "province_staff", "province_admin"],
        method="post",
    ),
    Row(
        "reform: province confirmation of school A (empty: the page again)",
        lambda p: f"/reform/assessments/{_a(p)}/province-confirm/",
        ["province_staff", "province_admin"],
        ["advisor_a", "city_staff_1"],
        method="post",
    ),
    Row(
        "reform: the advisor's school check of union A's sheet (empty: the page again)",
        lambda p: f"/reform/sheets/{_sheet(p)}/school-check/",
        ["advisor_a"],
        ["officer_a", *OVER_SCHOOL_A],
        method="post",
    ),
    Row(
        "reform: the secretary's college check of college union A1's sheet (empty: the page again)",
        lambda p: f"/reform/sheets/{_college_sheet(p)}/college-check/",
        ["secretary_a1"],
        ["officer_a", "college_officer_a1", "advisor_a", *OVER_SCHOOL_A],
        method="post",
    ),
    Row(
        "reform API: the assessments of my level",
        lambda p: "/api/v1/reform/assessments",
        REVIEWERS,
        others(*REVIEWERS),
    ),
    Row(
        "reform API: school A's assessment",
        lambda p: f"/api/v1/reform/assessments/{_a(p)}",
        OVER_A,
        [],
    ),
    Row(
        "reform API: the reporting rates",
        lambda p: "/api/v1/reform/review/rates",
        REVIEWERS,
        others(*REVIEWERS),
    ),
]

GRANTS: list[Grant] = []
