"""The one place that says how a self-assessment moves up the chain (issue 17) — the
transition tables of a union's sheet and of the school's assessment.

A union's sheet (学生会自评表):

    filling ── college-check (the college league secretary; college unions) ──► college_checked
    filling | college_checked ── school-check (the advisor; a college union's only once
             the secretary checked it) ──► school_checked
    college_checked ── withdraw-college-check (the secretary; not once the advisor acted)
             ──► filling
    school_checked ── withdraw-school-check (the advisor; not once the school submitted)
             ──► college_checked (college unions) | filling
    college_checked | school_checked ── return (the secretary or the advisor, a reason) ──► filling

The school's assessment (学校改革自评, one per school and academic year):

    preparing ── submit (the advisor for the League committee; every sheet school-checked)
             ──► submitted
    submitted ── withdraw-submit (the advisor; not once the city acted) ──► preparing
    submitted ── city-approve (the city federation) ──► city_reviewed
    submitted ── city-return (the city federation, a reason) ──► preparing
    city_reviewed ── withdraw-city (the city; not once the province acted) ──► submitted
    city_reviewed ── province-confirm (the province federation) ──► confirmed (locked)
    city_reviewed ── province-return (the province, a reason) ──► submitted (back to the city)

"Not once the level above has acted" is the state itself: a step of the level above moves
the state on, and the withdrawal's source state is gone. A confirmed assessment is locked:
every write on its results, sheets and evidence answers 403 and changes nothing.
"""

from tongxin.orgs.models import NodeKind
from tongxin.workflow.machine import Action, Machine

from .review_models import AssessmentState, SheetState

S = SheetState
A = AssessmentState


def _school_check_from(sheet: object) -> tuple[str, ...]:
    """A college union's sheet reaches the advisor through its league secretary."""
    union = getattr(sheet, "union", None)
    college = union is not None and union.kind == NodeKind.COLLEGE_UNION
    return (S.COLLEGE_CHECKED,) if college else (S.FILLING,)


# fmt: off
SHEET = Machine(
    name="reform.sheet",
    states=SheetState,
    attr="state",
    actions=[
        Action("college-check", "院团委审核通过", (S.FILLING,), (S.COLLEGE_CHECKED,),
               "reform.college_check_sheet", done="college_checked"),
        Action("school-check", "校团委审核通过", (S.FILLING, S.COLLEGE_CHECKED),
               (S.SCHOOL_CHECKED,), "reform.school_check_sheet", done="school_checked",
               src_for=_school_check_from),
        Action("withdraw-college-check", "撤回院团委审核", (S.COLLEGE_CHECKED,), (S.FILLING,),
               "reform.college_check_sheet", done="college_check_withdrawn"),
        Action("withdraw-school-check", "撤回校团委审核", (S.SCHOOL_CHECKED,),
               (S.COLLEGE_CHECKED, S.FILLING), "reform.school_check_sheet",
               done="school_check_withdrawn"),
        Action("return", "退回修改", (S.COLLEGE_CHECKED, S.SCHOOL_CHECKED), (S.FILLING,),
               "reform.return_sheet", done="returned"),
    ],
)

ASSESSMENT = Machine(
    name="reform.assessment",
    states=AssessmentState,
    attr="state",
    actions=[
        Action("submit", "报送", (A.PREPARING,), (A.SUBMITTED,),
               "reform.submit_assessment", done="submitted"),
        Action("withdraw-submit", "撤回报送", (A.SUBMITTED,), (A.PREPARING,),
               "reform.submit_assessment", done="submission_withdrawn"),
        Action("city-approve", "市学联审核通过", (A.SUBMITTED,), (A.CITY_REVIEWED,),
               "reform.city_review", done="city_approved"),
        Action("city-return", "市学联退回", (A.SUBMITTED,), (A.PREPARING,),
               "reform.city_review", done="city_returned"),
        Action("withdraw-city", "撤回市学联审核", (A.CITY_REVIEWED,), (A.SUBMITTED,),
               "reform.city_review", done="city_approval_withdrawn"),
        Action("province-confirm", "省学联确认", (A.CITY_REVIEWED,), (A.CONFIRMED,),
               "reform.province_confirm", done="confirmed"),
        Action("province-return", "省学联退回", (A.CITY_REVIEWED,), (A.SUBMITTED,),
               "reform.province_confirm", done="province_returned"),
    ],
)
# fmt: on
