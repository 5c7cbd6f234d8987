"""The feedback letter's text (反馈函正文), from what the school's assessment holds: the
grade, every union's passed and failed indicators with their facts (the remarks), the
required actions and the rectification deadline. Pure: the caller has read the rows."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tongxin.core.printables import chinese_date

from .models import Check, IndicatorKind, Result

GENERIC_ACTION = "对照指标要求整改，并提交整改材料"


def required_action(result: Result) -> str:
    """What the union must do about a failed indicator, in the letter's words."""
    facts: dict[str, Any] = result.facts or {}
    limit = facts.get("limit")
    if result.indicator.kind != IndicatorKind.COMPUTED:
        return GENERIC_ACTION
    actions: dict[str, str] = {
        Check.STAFF_LIMIT: f"精简工作人员至 {limit} 人以内",
        Check.PRESIDIUM_LIMIT: f"主席团成员精简至 {limit} 人以内",
        Check.DEPARTMENT_LIMIT: f"工作部门精简至 {limit} 个以内",
        Check.STRUCTURE: "撤销"
        + ("、".join(facts.get("not_departments") or []) or "中心、办公室等常设机构")
        + "，职能并入工作部门",
        Check.POSITIONS: "取消规定以外的职务",
        Check.POLITICAL: "调整不符合政治面貌要求的工作人员",
        Check.ACADEMIC: "调整不符合学业要求的工作人员",
        Check.SELECTION_PATH: "按规定程序补齐工作人员的遴选程序",
        Check.PRESIDIUM_ELECTED: "由学生代表大会选举产生主席团",
        Check.CONGRESS_ON_SCHEDULE: "按期规范召开学生代表大会",
    }
    return actions.get(result.indicator.computes, GENERIC_ACTION)


def _item(result: Result) -> str:
    star = "★" if result.indicator.is_core else ""
    remark = f"（{result.remark}）" if result.remark else ""
    return f"{result.indicator.number}.{star}{result.indicator.short}{remark}"


@dataclass(frozen=True)
class LetterFacts:
    school: str
    year: int
    reviewer: str  # the city federation
    issuer: str
    grade: str
    rating_note: str
    results: tuple[Result, ...]  # ordered by union, then indicator number
    due_on: datetime.date | None
    extra: str = ""


def _by_union(results: Iterable[Result]) -> dict[str, list[Result]]:
    found: dict[str, list[Result]] = {}
    for r in results:
        found.setdefault(r.union.name, []).append(r)
    return found


def letter_paragraphs(f: LetterFacts) -> list[str]:
    year = f"{f.year}—{f.year + 1}学年"
    unions = _by_union(f.results)
    paragraphs = [
        f"根据{year}学生会改革自评工作安排，经贵校自评、{f.reviewer}审核、{f.issuer}确认，"
        f"现将贵校学生会组织改革自评情况反馈如下。",
        f"一、评定结果。贵校{year}学生会改革自评评定为“{f.grade}”。"
        + (f"{f.rating_note}" if f.rating_note else ""),
        "二、达标指标。",
    ]
    for union, rows in unions.items():
        passed = [_item(r) for r in rows if r.passed is True]
        paragraphs.append(f"{union}：" + ("；".join(passed) if passed else "无") + "。")
    failed = [(u, r) for u, rows in unions.items() for r in rows if r.passed is False]
    paragraphs.append("三、未达标指标。" + ("" if failed else "贵校各学生会组织无未达标指标。"))
    for union, r in failed:
        paragraphs.append(f"{union}：{_item(r)}，未达标。")
    pending = [(u, r) for u, rows in unions.items() for r in rows if r.passed is None]
    if pending:
        listed = "；".join(f"{u}{_item(r)}" for u, r in pending)
        paragraphs.append(f"以下指标尚无结论，请补充材料：{listed}。")
    paragraphs.append("四、整改要求。" + ("" if failed else "请保持现有做法，持续巩固改革成果。"))
    for union, r in failed:
        core = "（核心指标，列入整改事项" + (
            f"，请于{chinese_date(f.due_on)}前完成）" if f.due_on else "）"
        )
        paragraphs.append(
            f"{union}第{r.indicator.number}项：{required_action(r)}"
            + (core if r.indicator.is_core else "")
            + "。"
        )
    if f.extra.strip():
        paragraphs.extend(p.strip() for p in f.extra.splitlines() if p.strip())
    if failed:
        paragraphs.append(
            f"请贵校党委督促校团委指导学生会组织抓好整改，并将整改情况按期报{f.issuer}。"
        )
    paragraphs.append("特此函告。")
    return paragraphs
