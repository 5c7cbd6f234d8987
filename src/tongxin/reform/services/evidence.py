"""A union's evidence (依据材料) and explanations (说明), each write authorized, validated,
version-checked on the result and audited in one transaction.

    (none) ── evidence_submit: the union's officer (or a college union's secretary) ──► submitted
    submitted ── evidence_confirm: the school's advisor ──► confirmed
                 (the result's verdict from the claim; source 依据材料)
    submitted ── evidence_reject: the school's advisor, with a reason ──► rejected
    any result ── result_explain: the union's officer ──► its explanation (never the verdict)

Evidence is allowed for the manual kinds (yes/no, number against the threshold, graded A–D)
and, for computed indicators, only where the indicator accepts evidence of years before
Tongxin and the system's verdict is not a pass; a computed verdict is never rewritten by
the union. The nightly pass keeps a confirmed verdict while the system cannot show a pass
(services/results.apply_verdict).
"""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.attachments.services import attachment_store
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError, StaleObject

from ..models import Evidence, EvidenceState, IndicatorKind, Result, Source, results_changed
from .review import require_filling, require_unlocked

GRADES = ("A", "B", "C", "D")
PASSING_GRADES = ("A", "B", "C")  # D earns nothing of the item's points
TEXT_LIMIT = 2000
COMPUTED_REFUSED = "系统计算的结论不能由学生会改写，可以附上说明。"


def _locked(result: Result, expected_version: int) -> Result:
    locked = (
        Result.objects.select_for_update()
        .select_related("indicator", "union", "catalogue")
        .get(pk=result.pk)
    )
    if locked.version != expected_version:
        raise StaleObject(_("该项自评结果已被他人修改，请刷新后重试。"))
    return locked


def evidence_allowed(result: Result) -> bool:
    """Whether this result takes evidence at all (manual kinds; computed items of years
    before Tongxin while the system does not show a pass)."""
    indicator = result.indicator
    if indicator.kind != IndicatorKind.COMPUTED:
        return True
    return indicator.evidence_for_past and result.computed_passed is not True


def _text(text: str, label: str) -> str:
    text = (text or "").strip()
    if len(text) > TEXT_LIMIT:
        raise DomainError(f"{label}不能超过 {TEXT_LIMIT} 字。", field="text")
    return text


def claim_of(result: Result, claim_passed: bool | None, claim_value: str) -> tuple[bool, str]:
    """The claim as stored: (passes, value) for the indicator's kind, or a Chinese refusal
    naming the field."""
    indicator = result.indicator
    value = (claim_value or "").strip()
    if indicator.kind == IndicatorKind.NUMBER:
        if not value.isdigit() or len(value) > 9:
            raise DomainError("填报数值：请填写不小于 0 的整数。", field="claim_value")
        if indicator.threshold is None:
            raise DomainError("该指标未设阈值，暂不能填报数值。", field="claim_value")
        return int(value) <= indicator.threshold, str(int(value))
    if indicator.kind == IndicatorKind.GRADED:
        value = value.upper()
        if value not in GRADES:
            raise DomainError("填报档次：请选择 A、B、C 或 D。", field="claim_value")
        return value in PASSING_GRADES, value
    if claim_passed is None:
        raise DomainError("是否达标：请选择“是”或“否”。", field="claim_passed")
    if indicator.kind == IndicatorKind.COMPUTED and claim_passed is not True:
        raise DomainError(
            "是否达标：对系统计算的指标，只能提交证明已达标的材料。", field="claim_passed"
        )
    return claim_passed, ""


@transaction.atomic
def evidence_submit(
    *,
    actor: Any,
    result: Result,
    expected_version: int,
    claim_passed: bool | None,
    claim_value: str,
    text: str,
    upload: UploadedFile | None = None,
) -> Evidence:
    """The union states its claim with its material (and optionally a first file)."""
    authorize(actor, "reform.submit_evidence", result.union)
    result = _locked(result, expected_version)
    require_filling(result)  # issue 17: locked once confirmed; editable only while filling
    if not evidence_allowed(result):
        raise DomainError(COMPUTED_REFUSED)
    if Evidence.objects.filter(result=result, state=EvidenceState.SUBMITTED).exists():
        raise DomainError("该项已有待确认的依据材料，请等待校团委老师确认。")
    text = _text(text, "材料说明")
    if not text:
        raise DomainError("材料说明：请说明依据材料的内容。", field="text")
    passed, value = claim_of(result, claim_passed, claim_value)
    evidence = Evidence.objects.create(
        result=result,
        school_id=result.school_id,
        claim_passed=passed,
        claim_value=value,
        text=text,
        submitted_by=actor,
        submitted_at=timezone.now(),
    )
    if upload is not None:
        attachment_store(subject=evidence, upload=upload, uploaded_by=actor)
    _bump(result)
    audit.record(
        actor=actor,
        action="reform.evidence.submitted",
        target=evidence,
        data={
            "result": result.pk,
            "indicator": result.indicator.number,
            "union": result.union_id,
            "claim_passed": passed,
            "claim_value": value,
            "files": 1 if upload is not None else 0,
        },
    )
    return evidence


def _open(evidence: Evidence) -> tuple[Evidence, Result]:
    locked = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if locked.state != EvidenceState.SUBMITTED:
        raise DomainError("该依据材料已处理，请刷新后查看。")
    return locked, evidence.result


@transaction.atomic
def evidence_confirm(
    *, actor: Any, evidence: Evidence, expected_version: int, note: str = ""
) -> Evidence:
    """The advisor confirms: the result's verdict is the claim, its source 依据材料."""
    authorize(actor, "reform.confirm_evidence", evidence.result.union)
    note = _text(note, "确认意见")
    evidence, result = _open(evidence)
    result = _locked(result, expected_version)
    require_unlocked(result.school_id, result.catalogue.academic_year)
    if not evidence_allowed(result):  # the system shows a pass meanwhile: nothing to confirm
        raise DomainError(COMPUTED_REFUSED)
    _decide(evidence, actor, EvidenceState.CONFIRMED, note)
    result.passed = evidence.claim_passed
    result.source = Source.EVIDENCE
    _bump(result, "passed", "source")
    audit.record(
        actor=actor,
        action="reform.evidence.confirmed",
        target=evidence,
        data={"result": result.pk, "indicator": result.indicator.number, "passed": result.passed},
    )
    return evidence


@transaction.atomic
def evidence_reject(
    *, actor: Any, evidence: Evidence, expected_version: int, note: str
) -> Evidence:
    """The advisor does not accept the material (the reason is required); the verdict stays."""
    authorize(actor, "reform.confirm_evidence", evidence.result.union)
    note = _text(note, "不采纳的理由")
    if not note:
        raise DomainError("不采纳的理由：请写明理由。", field="note")
    evidence, result = _open(evidence)
    result = _locked(result, expected_version)
    require_unlocked(result.school_id, result.catalogue.academic_year)
    _decide(evidence, actor, EvidenceState.REJECTED, note)
    _bump(result)
    audit.record(
        actor=actor,
        action="reform.evidence.rejected",
        target=evidence,
        data={"result": result.pk, "indicator": result.indicator.number, "note": note},
    )
    return evidence


@transaction.atomic
def result_explain(*, actor: Any, result: Result, expected_version: int, text: str) -> Result:
    """The union's explanation beside a verdict (empty clears it); the verdict stays."""
    authorize(actor, "reform.explain_result", result.union)
    text = _text(text, "说明")
    result = _locked(result, expected_version)
    require_filling(result)
    result.explanation = text
    _bump(result, "explanation")
    audit.record(
        actor=actor,
        action="reform.result.explained",
        target=result,
        data={"indicator": result.indicator.number, "union": result.union_id, "length": len(text)},
    )
    return result


def _decide(evidence: Evidence, actor: Any, state: str, note: str) -> None:
    evidence.state = state
    evidence.decided_by = actor
    evidence.decided_at = timezone.now()
    evidence.decision_note = note
    evidence.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])


def _bump(result: Result, *fields: str) -> None:
    result.version += 1
    result.save(update_fields=[*fields, "version", "updated_at"])
    if "passed" in fields:
        results_changed(result.catalogue_id)
