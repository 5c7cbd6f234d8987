"""Set-up shared by the review chain's tests (issue 17): this year's tables computed for the
tiny province (which opens every school's assessment and every union's sheet), and
shortcuts that move sheets and assessments along through the ORM (set-up: each step's own
service is tested by the part that owns it)."""

from tongxin.testing.province import TinyProvince

from ..models import (
    AssessmentState,
    Catalogue,
    Level,
    SchoolAssessment,
    SheetState,
    UnionSheet,
)
from ..services.results import results_compute
from .world import catalogue, this_year


def computed_year(p: TinyProvince, year: int | None = None) -> tuple[Catalogue, Catalogue]:
    """Tables 一 and 二 of `year` (default: this academic year) computed for every union."""
    year = year or this_year()
    school, college = catalogue(Level.SCHOOL, year), catalogue(Level.COLLEGE, year)
    for cat in (school, college):
        results_compute(actor=p.province_admin, catalogue=cat, scope=p.province)
    return school, college


def assessment_of(p: TinyProvince, school: str = "a", year: int | None = None) -> SchoolAssessment:
    return SchoolAssessment.objects.get(
        school=p.nodes[f"school_{school}"], academic_year=year or this_year()
    )


def sheets_of(assessment: SchoolAssessment) -> list[UnionSheet]:
    return list(
        UnionSheet.objects.filter(
            school=assessment.school, catalogue__academic_year=assessment.academic_year
        )
        .select_related("union", "catalogue")
        .order_by("union__path")
    )


def check_every_sheet(assessment: SchoolAssessment) -> None:
    """Set-up: every union's sheet of the school checked by the advisor."""
    UnionSheet.objects.filter(
        school=assessment.school, catalogue__academic_year=assessment.academic_year
    ).update(state=SheetState.SCHOOL_CHECKED)


def move(assessment: SchoolAssessment, state: str) -> SchoolAssessment:
    """Set-up: the assessment in `state` (its sheets checked when past preparing)."""
    if state != AssessmentState.PREPARING:
        check_every_sheet(assessment)
    SchoolAssessment.objects.filter(pk=assessment.pk).update(state=state)
    return SchoolAssessment.objects.get(pk=assessment.pk)
