"""What the review pages and API show: the buttons a reader may press now (read from the
transition tables), the sheet rows of an assessment, the row of a review list. No queries."""

from dataclasses import dataclass
from typing import Any

from tongxin.core.authz import can

from .review_machine import ASSESSMENT, SHEET
from .review_models import AssessmentState, SchoolAssessment, SheetState, UnionSheet
from .review_selectors import assessment_of_sheet, assessment_waiting, sheet_waiting
from .services.review import NEEDS_REASON, may_return


@dataclass(frozen=True)
class Button:
    name: str
    label: str
    needs_reason: bool
    danger: bool


def _buttons(machine: Any, names: list[str]) -> list[Button]:
    return [
        Button(
            name,
            machine.action(name).label,
            name in NEEDS_REASON,
            name in NEEDS_REASON or name.startswith("withdraw"),
        )
        for name in names
    ]


def sheet_buttons(
    user: Any, sheet: UnionSheet, assessment: SchoolAssessment | None
) -> list[Button]:
    """A sheet moves only while its school's assessment is being prepared."""
    if assessment is None or assessment.state != AssessmentState.PREPARING:
        return []
    return _buttons(SHEET, [n for n in SHEET.allowed(user, sheet) if may_return(user, sheet, n)])


def assessment_buttons(user: Any, assessment: SchoolAssessment) -> list[Button]:
    return _buttons(ASSESSMENT, ASSESSMENT.allowed(user, assessment))


@dataclass(frozen=True)
class SheetRow:
    sheet: UnionSheet
    buttons: list[Button]
    waiting: bool


def sheet_rows(user: Any, sheets: list[UnionSheet], assessment: SchoolAssessment) -> list[SheetRow]:
    return [SheetRow(s, sheet_buttons(user, s, assessment), sheet_waiting(s)) for s in sheets]


@dataclass(frozen=True)
class AssessmentRow:
    assessment: SchoolAssessment
    waiting: bool
    checked: int
    sheets: int


def assessment_rows(
    assessments: list[SchoolAssessment], level: str, counts: dict[int, tuple[int, int]]
) -> list[AssessmentRow]:
    return [
        AssessmentRow(a, assessment_waiting(a, level), *counts.get(a.pk, (0, 0)))
        for a in assessments
    ]


def sheet_context(user: Any, sheet: UnionSheet | None) -> dict[str, Any]:
    """The sheet panel of part 1's union page: the state and the reader's buttons, and the
    school's assessment page for those who read it."""
    if sheet is None:
        return {"sheet": None}
    assessment = assessment_of_sheet(sheet)
    row = sheet_rows(user, [sheet], assessment)[0] if assessment else None
    viewable = assessment is not None and can(user, "reform.view_assessment", assessment)
    return {
        "sheet": sheet,
        "sheet_row": row,
        "sheet_assessment": assessment if viewable else None,
        "sheet_assessment_state": assessment.state if assessment else None,
    }


def closed_rows(rows: list[Any], sheet: UnionSheet | None, state: str | None) -> None:
    """No forms the services would refuse: nothing is filed while the sheet is checked, and
    nothing decided once the school's assessment is confirmed (the lock)."""
    if sheet is None:
        return
    for row in rows:
        if sheet.state != SheetState.FILLING or state == AssessmentState.CONFIRMED:
            row.may_explain = row.may_submit = False
        if state == AssessmentState.CONFIRMED:
            row.may_decide = False
