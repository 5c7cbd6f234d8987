"""What a union's page and API show of a result: the verdict in the scoring model's words,
the source, the facts in lines (names behind membership ids for the school's advisor only;
counts for everyone else), the evidence and what the reader may do. No queries: the view
hands in what the selectors read."""

from dataclasses import dataclass, field
from typing import Any

from tongxin.core.authz import can

from .models import Check, Evidence, EvidenceState, IndicatorKind, Result, ScoringModel, Source
from .services.evidence import evidence_allowed
from .union_selectors import NAMED_CHECKS

UNKNOWN = "无法计算"
PENDING = "待填报"


def verdict_label(result: Result, scoring: ScoringModel) -> str:
    if result.passed is True:
        return scoring.pass_label
    if result.passed is False:
        return scoring.fail_label
    if result.source == Source.PENDING or result.indicator.kind != IndicatorKind.COMPUTED:
        return PENDING
    return UNKNOWN


def verdict_tone(result: Result) -> str:
    if result.passed is None:
        return "secondary"
    return "success" if result.passed else "danger"


def source_label(result: Result) -> str:
    if result.source == Source.PENDING:
        return ""
    return str(Source(result.source).label)


def _names(ids: list[int], names: dict[int, str] | None) -> str:
    if names is None or not ids:
        return ""
    return "：" + "、".join(names.get(i, "（已离任）") for i in ids)


def _limit_line(facts: dict[str, Any], unit: str) -> str:
    limit = facts.get("limit")
    line = f"实有 {facts.get('count', 0)} {unit}" + (
        f"，上限 {limit} {unit}" if limit is not None else "，未设上限"
    )
    if facts.get("large"):
        line += "（学生人数较多或多校区，适用较大上限）"
    return line


def _limit_lines(check: str, f: dict[str, Any]) -> list[str]:
    if check == Check.DEPARTMENT_LIMIT:
        return [_limit_line(f, "个"), "部门：" + ("、".join(f.get("names", [])) or "无")]
    return [_limit_line(f, "人")]


def facts_lines(result: Result, names: dict[int, str] | None) -> list[str]:
    """`names`: membership id → name for the advisor; None for everyone else (counts)."""
    f, check = result.facts or {}, result.indicator.computes
    if not f:
        return []
    if check in (Check.STAFF_LIMIT, Check.PRESIDIUM_LIMIT, Check.DEPARTMENT_LIMIT):
        return _limit_lines(check, f)
    if check == Check.STRUCTURE:
        lines = ["部门：" + ("、".join(f.get("names", [])) or "无")]
        if f.get("not_departments"):
            lines.append("常设中心、办公室：" + "、".join(f["not_departments"]))
        return lines
    if check == Check.POSITIONS:
        other = f.get("other_positions", [])
        if not other:
            return [f"工作人员 {f.get('officers', 0)} 人，均为规定职务"]
        return ["规定以外的职务：" + "、".join(f"{o['name']}（{o['position']}）" for o in other)]
    if check in NAMED_CHECKS:
        return _named_lines(check, f, names)
    if check == Check.PRESIDIUM_ELECTED:
        elected = f.get("elected")
        said = "无记录" if elected is None else ("是" if elected else "否")
        return ["主席团由代表大会选举产生：" + said]
    if check == Check.CONGRESS_ON_SCHEDULE:
        return [
            f"最近一次召开：{f.get('last_held_on') or '—'}；应召开日期：{f.get('due_on') or '—'}"
        ]
    return []


def _named_lines(check: str, f: dict[str, Any], names: dict[int, str] | None) -> list[str]:
    ids = [int(i) for i in f.get("membership_ids", [])]
    if check == Check.SELECTION_PATH:
        head = f"工作人员 {f.get('officers', 0)} 人，无选拔记录 {f.get('without_record', 0)} 人"
        return [head + _names(ids, names)]
    head = f"工作人员 {f.get('officers', 0)} 人，不符合 {f.get('failed', 0)} 人"
    lines = [head + _names(ids, names)]
    if f.get("missing"):
        lines.append(f"缺少成绩数据 {f['missing']} 人")
    return lines


def sensitive_ids(results: list[Result]) -> set[int]:
    return {
        int(i)
        for r in results
        if r.indicator.computes in NAMED_CHECKS
        for i in (r.facts or {}).get("membership_ids", [])
    }


@dataclass
class Row:
    result: Result
    verdict: str
    tone: str
    source: str
    facts: list[str]
    evidence: list[Evidence] = field(default_factory=list)
    open: Evidence | None = None
    may_explain: bool = False
    may_submit: bool = False
    may_decide: bool = False
    takes_evidence: bool = False


def rows_for(
    actor: Any,
    union: Any,
    scoring: ScoringModel,
    results: list[Result],
    evidence: dict[int, list[Evidence]],
    names: dict[int, str] | None,
) -> list[Row]:
    may_explain = can(actor, "reform.explain_result", union)
    may_submit = can(actor, "reform.submit_evidence", union)
    may_decide = can(actor, "reform.confirm_evidence", union)
    rows = []
    for result in results:
        mine = evidence.get(result.pk, [])
        open_one = next((e for e in mine if e.state == EvidenceState.SUBMITTED), None)
        takes = evidence_allowed(result)
        rows.append(
            Row(
                result=result,
                verdict=verdict_label(result, scoring),
                tone=verdict_tone(result),
                source=source_label(result),
                facts=facts_lines(result, names),
                evidence=mine,
                open=open_one,
                may_explain=may_explain,
                may_submit=may_submit and takes and open_one is None,
                may_decide=may_decide and open_one is not None,
                takes_evidence=takes,
            )
        )
    return rows


def claim_label(evidence: Evidence, scoring: ScoringModel) -> str:
    if evidence.claim_value:
        verdict = scoring.pass_label if evidence.claim_passed else scoring.fail_label
        return f"{evidence.claim_value}（{verdict}）"
    return scoring.pass_label if evidence.claim_passed else scoring.fail_label
