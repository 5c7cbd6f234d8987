"""The self-assessment's world for the authorization matrix and a grant per permission:
this year's tables 一 and 二 computed for every union of the tiny province (nothing is
staffed here: the tiny province's own officers stand)."""

from tongxin.testing.matrix import (
    ADVISORS,
    FEDERATION_ALL,
    OFFICERS,
    OVER_SCHOOL_A,
    SECRETARIES,
    UNION_A,
    Grant,
    Row,
)
from tongxin.testing.province import TinyProvince

from ..models import Check, Level, Result, UnionSheet
from ..services.results import results_compute
from .review_world import assessment_of
from .world import catalogue

ROWS: list[Row] = []


def populate(province: TinyProvince) -> None:
    school, college = catalogue(Level.SCHOOL), catalogue(Level.COLLEGE)
    for cat in (school, college):
        results_compute(actor=province.province_admin, catalogue=cat, scope=province.province)
    province.issues["reform_catalogue"] = school
    province.issues["reform_college_catalogue"] = college
    results = Result.objects.filter(catalogue=school, union=province.union_a)
    province.issues["reform_result"] = results.get(indicator__computes=Check.STAFF_LIMIT)
    province.issues["reform_manual_result"] = results.get(indicator__number=1)
    province.issues["reform_college_result"] = Result.objects.get(
        catalogue=college, union=province.college_union_a1, indicator__computes=Check.STAFF_LIMIT
    )
    # Issue 17: the pass opened every school's assessment and every union's sheet.
    province.issues["reform_assessment"] = assessment_of(province, "a")
    province.issues["reform_assessment_b"] = assessment_of(province, "b")
    sheets = UnionSheet.objects.filter(catalogue__in=[school, college])
    province.issues["reform_sheet"] = sheets.get(union=province.union_a)
    province.issues["reform_college_sheet"] = sheets.get(union=province.college_union_a1)


OVER_CITY_1 = OVER_SCHOOL_A  # city 1's staff and the province's
PROVINCE_LEVEL = ["province_staff", "province_admin"]

GRANTS = [
    Grant(
        "read the catalogues",
        "reform.view_catalogues",
        None,
        [*OFFICERS, *SECRETARIES, *ADVISORS, *FEDERATION_ALL],
    ),
    Grant("edit the catalogues", "reform.manage_catalogues", None, ["province_admin"]),
    Grant(
        "read union A's results",
        "reform.view_union_results",
        lambda p: p.union_a,
        [*UNION_A, "advisor_a", *OVER_SCHOOL_A],
    ),
    Grant(
        "read college union A1's results",
        "reform.view_union_results",
        lambda p: p.college_union_a1,
        # School-union officers read the college unions too (校-院-班 linkage, DESIGN.md).
        [*UNION_A, "college_officer_a1", "secretary_a1", "advisor_a", *OVER_SCHOOL_A],
    ),
    Grant(
        "open my union's self-assessment",
        "reform.open_union_results",
        None,
        [*OFFICERS, *SECRETARIES, *ADVISORS],
    ),
    Grant(
        "read school A's results",
        "reform.view_school_results",
        lambda p: p.school_a,
        ["advisor_a", *OVER_SCHOOL_A],
    ),
    Grant("open the heat map", "reform.open_heatmap", None, FEDERATION_ALL),
    Grant("the heat map of city 1", "reform.view_scope", lambda p: p.city_1, OVER_CITY_1),
    Grant("the province's heat map", "reform.view_scope", lambda p: p.province, PROVINCE_LEVEL),
    Grant(
        "compute school A", "reform.compute", lambda p: p.school_a, ["advisor_a", *OVER_SCHOOL_A]
    ),
    Grant("compute the province", "reform.compute", lambda p: p.province, PROVINCE_LEVEL),
    Grant("explain union A's results", "reform.explain_result", lambda p: p.union_a, UNION_A),
    Grant("evidence for union A", "reform.submit_evidence", lambda p: p.union_a, UNION_A),
    Grant(
        "evidence for college union A1",
        "reform.submit_evidence",
        lambda p: p.college_union_a1,
        ["college_officer_a1", "secretary_a1"],
    ),
    Grant(
        "confirm union A's evidence",
        "reform.confirm_evidence",
        lambda p: p.union_a,
        ["advisor_a"],
    ),
    # --- issue 17: the review chain ---
    Grant(
        "check college union A1's sheet (league secretary)",
        "reform.college_check_sheet",
        lambda p: p.issues["reform_college_sheet"],
        ["secretary_a1"],
    ),
    Grant(
        "no college check of a school union's sheet",
        "reform.college_check_sheet",
        lambda p: p.issues["reform_sheet"],
        [],
    ),
    Grant(
        "check union A's sheet (advisor)",
        "reform.school_check_sheet",
        lambda p: p.issues["reform_sheet"],
        ["advisor_a"],
    ),
    Grant(
        "return college union A1's sheet",
        "reform.return_sheet",
        lambda p: p.issues["reform_college_sheet"],
        ["secretary_a1", "advisor_a"],
    ),
    Grant(
        "submit school A's assessment",
        "reform.submit_assessment",
        lambda p: p.issues["reform_assessment"],
        ["advisor_a"],
    ),
    Grant(
        "city review of school A",
        "reform.city_review",
        lambda p: p.issues["reform_assessment"],
        ["city_staff_1"],
    ),
    Grant(
        "city review of school B",
        "reform.city_review",
        lambda p: p.issues["reform_assessment_b"],
        ["city_staff_2"],
    ),
    Grant(
        "province confirmation of school A",
        "reform.province_confirm",
        lambda p: p.issues["reform_assessment"],
        PROVINCE_LEVEL,
    ),
    Grant(
        "read school A's assessment",
        "reform.view_assessment",
        lambda p: p.issues["reform_assessment"],
        ["advisor_a", *OVER_SCHOOL_A],
    ),
    Grant("open the review lists", "reform.open_review", None, [*ADVISORS, *FEDERATION_ALL]),
    Grant("edit the review calendar", "reform.manage_calendar", None, ["province_admin"]),
]
