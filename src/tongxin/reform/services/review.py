"""The review chain (issue 17): one function per action of review_machine's SHEET and
ASSESSMENT tables, each through the machine (permission, row lock with the version check,
state), then the change, its ReviewStep line and audit event, and the next level told.

    sheet:      filling ──college-check──► college_checked ──school-check──► school_checked
                (a school-level union's sheet goes filling ──school-check──► school_checked)
                withdrawals go one step back; return (a reason) ──► filling
    assessment: preparing ──submit──► submitted ──city-approve──► city_reviewed
                ──province-confirm──► confirmed (locked)
                city-return (reason) ──► preparing; province-return (reason) ──► submitted

A sheet moves only while its school's assessment is preparing; once the assessment is
confirmed every write on the school's sheets, results and evidence of the year is refused
with NotAllowed (403) and changes nothing (require_unlocked, also used by evidence.py).
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.core.authz import can
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.orgs.models import NodeKind
from tongxin.workflow.steps import page_of, record_step, require_text, save_step, tell

from .. import review_selectors as selectors
from ..models import Result
from ..review_machine import ASSESSMENT, SHEET
from ..review_models import AssessmentState, ReviewStep, SchoolAssessment, SheetState, UnionSheet

A, S = AssessmentState, SheetState
REASON_LIMIT = 1000
LOCKED = "reform.locked"
SHEET_SUBMITTED = "自评表已提交审核，退回后才能修改。"


# --- the lock (shared with part 1's evidence services) --------------------------------------


def require_unlocked(school_id: int, year: int) -> None:
    """NotAllowed (403) once the school's assessment of `year` is confirmed."""
    if SchoolAssessment.objects.filter(
        school_id=school_id, academic_year=year, state=A.CONFIRMED
    ).exists():
        raise NotAllowed(LOCKED)


def require_filling(result: Result) -> None:
    """A union files evidence and explanations only while its sheet is being filled."""
    require_unlocked(result.school_id, result.catalogue.academic_year)
    sheet = UnionSheet.objects.filter(catalogue_id=result.catalogue_id, union_id=result.union_id)
    if sheet.exclude(state=S.FILLING).exists():
        raise DomainError(SHEET_SUBMITTED)


def may_return(actor: Any, sheet: UnionSheet, name: str) -> bool:
    """Once the advisor checked a sheet it is the advisor's: the secretary returns only
    what is still at the college's level."""
    if name != "return" or sheet.state != S.SCHOOL_CHECKED:
        return True
    return can(actor, "reform.school_check_sheet", sheet)


# --- shared steps ---------------------------------------------------------------------------


def _reason(reason: str, needed: bool) -> str:
    if not needed:
        return (reason or "").strip()[:REASON_LIMIT]
    return require_text(reason, "reason", _("退回理由"), REASON_LIMIT)


def _assessment_for_sheet(sheet: UnionSheet) -> SchoolAssessment:
    found = (
        SchoolAssessment.objects.select_for_update()
        .filter(school_id=sheet.school_id, academic_year=sheet.catalogue.academic_year)
        .first()
    )
    if found is None:
        raise DomainError(_("该学校本学年的改革自评尚未建立，请先计算自评结果。"))
    if found.state == A.CONFIRMED:
        raise NotAllowed(LOCKED)
    if found.state != A.PREPARING:
        raise DomainError(_("学校已报送改革自评，撤回报送或被退回后才能审核或修改自评表。"))
    return found


def _sheet_step(
    actor: Any, sheet: UnionSheet, name: str, version: int | None, reason: str = ""
) -> tuple[UnionSheet, SchoolAssessment, str]:
    sheet = SHEET.begin(
        actor=actor,
        obj=sheet,
        name=name,
        expected_version=version,
        related=("union", "catalogue", "school"),
    )
    if not may_return(actor, sheet, name):
        raise NotAllowed("reform.return_sheet")
    assessment = _assessment_for_sheet(sheet)
    reason = _reason(reason, name == "return")
    return sheet, assessment, reason


def _record(
    actor: Any,
    assessment: SchoolAssessment,
    target: Any,
    name: str,
    reason: str,
    sheet: UnionSheet | None = None,
) -> None:
    machine = SHEET if sheet is not None else ASSESSMENT
    action = machine.action(name)
    kind = "sheet" if sheet is not None else "assessment"
    data: dict[str, Any] = {"assessment": assessment.pk, "state": machine.state_of(target)}
    if sheet is not None:
        data["union"] = sheet.union_id
    if reason:
        data["reason"] = reason
    record_step(
        actor=actor,
        action=f"reform.{kind}.{action.done}",
        target=target,
        line=ReviewStep(
            assessment=assessment,
            sheet=sheet,
            school_id=assessment.school_id,
            action=name,
            label=action.label,
            reason=reason,
            actor=actor,
        ),
        data=data,
        school=assessment.school,
    )


def _tell(
    users: Iterable[Any], assessment: SchoolAssessment, title: str, actor: Any, body: str = ""
) -> None:
    tell(
        users,
        verb="reform.review.updated",
        title=title,
        body=body,
        url=page_of("reform:assessment", assessment),
        school=assessment.school,
        skip=actor,
    )


# --- a union's sheet ------------------------------------------------------------------------


def _sheet_move(
    actor: Any, sheet: UnionSheet, name: str, version: int | None, dst: str, reason: str = ""
) -> UnionSheet:
    sheet, assessment, reason = _sheet_step(actor, sheet, name, version, reason)
    sheet.state = dst
    save_step(sheet, "state")
    _record(actor, assessment, sheet, name, reason, sheet=sheet)
    union = sheet.union
    label = SHEET.action(name).label
    title = _("%(u)s的改革自评表：%(a)s") % {"u": union.name, "a": label}
    if name == "college-check":
        _tell(selectors.advisors_of(sheet.school_id), assessment, title, actor)
    elif name == "return":
        _tell(selectors.union_people(union), assessment, title, actor, body=reason)
    elif name == "withdraw-college-check":
        _tell(selectors.advisors_of(sheet.school_id), assessment, title, actor)
    return sheet


@transaction.atomic
def sheet_college_check(
    *, actor: Any, sheet: UnionSheet, expected_version: int | None
) -> UnionSheet:
    """The college league secretary checks a college union's sheet (advisor told)."""
    return _sheet_move(actor, sheet, "college-check", expected_version, S.COLLEGE_CHECKED)


@transaction.atomic
def sheet_school_check(
    *, actor: Any, sheet: UnionSheet, expected_version: int | None
) -> UnionSheet:
    """The advisor checks a sheet (a college union's only once its secretary checked it)."""
    return _sheet_move(actor, sheet, "school-check", expected_version, S.SCHOOL_CHECKED)


@transaction.atomic
def sheet_withdraw_college_check(
    *, actor: Any, sheet: UnionSheet, expected_version: int | None
) -> UnionSheet:
    """The secretary takes the check back while the advisor has not acted on it."""
    return _sheet_move(actor, sheet, "withdraw-college-check", expected_version, S.FILLING)


@transaction.atomic
def sheet_withdraw_school_check(
    *, actor: Any, sheet: UnionSheet, expected_version: int | None
) -> UnionSheet:
    """The advisor takes the check back while the school has not submitted: a college
    union's sheet goes back to its secretary's check, any other to filling."""
    college = sheet.union.kind == NodeKind.COLLEGE_UNION
    dst = S.COLLEGE_CHECKED if college else S.FILLING
    return _sheet_move(actor, sheet, "withdraw-school-check", expected_version, dst)


@transaction.atomic
def sheet_return(
    *, actor: Any, sheet: UnionSheet, expected_version: int | None, reason: str
) -> UnionSheet:
    """The secretary or the advisor returns a checked sheet to the union, with a reason."""
    return _sheet_move(actor, sheet, "return", expected_version, S.FILLING, reason)


# --- the school's assessment -----------------------------------------------------------------

STAMPS = {"submit": "submitted_at", "city-approve": "city_reviewed_at"}
CLEARS = {
    "withdraw-submit": "submitted_at",
    "city-return": "submitted_at",
    "withdraw-city": "city_reviewed_at",
    "province-return": "city_reviewed_at",
}


def _assessment_move(
    actor: Any, assessment: SchoolAssessment, name: str, version: int | None, reason: str = ""
) -> SchoolAssessment:
    action = ASSESSMENT.action(name)
    assessment = ASSESSMENT.begin(
        actor=actor, obj=assessment, name=name, expected_version=version, related=("school",)
    )
    reason = _reason(reason, name in ("city-return", "province-return"))
    if name == "submit":
        missing = selectors.unchecked_unions(assessment)
        if missing:
            raise DomainError(
                _("以下学生会的自评表尚未经校团委审核，不能报送：%(n)s。")
                % {"n": "、".join(missing)}
            )
    assessment.state = action.dst[0]
    fields = ["state"]
    now = timezone.now()
    if name in STAMPS:
        setattr(assessment, STAMPS[name], now)
        fields.append(STAMPS[name])
    if name in CLEARS:
        setattr(assessment, CLEARS[name], None)
        fields.append(CLEARS[name])
    if name == "province-confirm":
        assessment.confirmed_at = now
        fields.append("confirmed_at")
    save_step(assessment, *fields)
    _record(actor, assessment, assessment, name, reason)
    _tell(_told(assessment, name), assessment, _title(assessment, action.label), actor, reason)
    return assessment


def _title(assessment: SchoolAssessment, label: str) -> str:
    return _("%(s)s %(y)d 学年改革自评：%(a)s") % {
        "s": assessment.school.name,
        "y": assessment.academic_year,
        "a": label,
    }


def _told(assessment: SchoolAssessment, name: str) -> list[Any]:
    """Approvals and withdrawals tell the level above; returns the level below; the
    confirmation the school and its city."""
    school = assessment.school
    if name in ("submit", "withdraw-submit", "province-return"):
        return selectors.reviewers_of(school, NodeKind.CITY)
    if name in ("city-approve", "withdraw-city"):
        return selectors.reviewers_of(school, NodeKind.PROVINCE)
    if name == "city-return":
        return selectors.advisors_of(school.pk)
    return [*selectors.advisors_of(school.pk), *selectors.reviewers_of(school, NodeKind.CITY)]


def _assessment_service(name: str, doc: str, needs_reason: bool = False) -> Any:
    if needs_reason:

        @transaction.atomic
        def with_reason(
            *, actor: Any, assessment: SchoolAssessment, expected_version: int | None, reason: str
        ) -> SchoolAssessment:
            return _assessment_move(actor, assessment, name, expected_version, reason)

        with_reason.__doc__ = doc
        return with_reason

    @transaction.atomic
    def step(
        *, actor: Any, assessment: SchoolAssessment, expected_version: int | None
    ) -> SchoolAssessment:
        return _assessment_move(actor, assessment, name, expected_version)

    step.__doc__ = doc
    return step


assessment_submit = _assessment_service(
    "submit", "The advisor submits for the League committee: every sheet school-checked."
)
assessment_withdraw_submit = _assessment_service(
    "withdraw-submit", "The advisor takes the submission back while the city has not acted."
)
assessment_city_approve = _assessment_service("city-approve", "The city federation approves.")
assessment_city_return = _assessment_service(
    "city-return", "The city returns the assessment to the school, with a reason.", True
)
assessment_withdraw_city = _assessment_service(
    "withdraw-city", "The city takes its approval back while the province has not acted."
)
assessment_province_confirm = _assessment_service(
    "province-confirm", "The province confirms: the school's year is locked."
)
assessment_province_return = _assessment_service(
    "province-return", "The province returns the assessment to the city, with a reason.", True
)

SHEET_SERVICES: dict[str, Any] = {
    "college-check": sheet_college_check,
    "school-check": sheet_school_check,
    "withdraw-college-check": sheet_withdraw_college_check,
    "withdraw-school-check": sheet_withdraw_school_check,
    "return": sheet_return,
}
ASSESSMENT_SERVICES: dict[str, Any] = {
    "submit": assessment_submit,
    "withdraw-submit": assessment_withdraw_submit,
    "city-approve": assessment_city_approve,
    "city-return": assessment_city_return,
    "withdraw-city": assessment_withdraw_city,
    "province-confirm": assessment_province_confirm,
    "province-return": assessment_province_return,
}
NEEDS_REASON = {"return", "city-return", "province-return"}


def take_sheet_step(
    *, actor: Any, sheet: UnionSheet, name: str, expected_version: int | None, reason: str = ""
) -> UnionSheet:
    """The pages' and API's entry: the named step of SHEET (KeyError for an unknown name)."""
    service = SHEET_SERVICES[name]
    if name in NEEDS_REASON:
        return service(actor=actor, sheet=sheet, expected_version=expected_version, reason=reason)
    return service(actor=actor, sheet=sheet, expected_version=expected_version)


def take_assessment_step(
    *,
    actor: Any,
    assessment: SchoolAssessment,
    name: str,
    expected_version: int | None,
    reason: str = "",
) -> SchoolAssessment:
    """The pages' and API's entry: the named step of ASSESSMENT."""
    service = ASSESSMENT_SERVICES[name]
    kwargs: dict[str, Any] = {"reason": reason} if name in NEEDS_REASON else {}
    return service(actor=actor, assessment=assessment, expected_version=expected_version, **kwargs)
