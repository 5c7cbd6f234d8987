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

from ..models import Check, Level, Result
from ..services.results import results_compute
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
]
