"""A school's facts (学校自评情况): every union of the school at both levels × the
indicators of one year's catalogues, with the verdict in the catalogue's scoring words,
the remark, the source and the facts behind it — five queries, whatever the unions.

Political status and grades are sensitive: facts carry only counts for them here (the
names behind membership_ids are the union page's, for the school's advisor alone).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from tongxin.orgs.models import Node

from .facts import LEVEL_KINDS
from .models import Catalogue, Check, Indicator, Level, Result, Source

UNKNOWN = "无法计算"
PENDING = "待填报"
NOT_YET = "尚未计算"


def verdict_label(catalogue: Catalogue, result: Result | None) -> str:
    """是/否 (or the year's 达标/未达标); None: 无法计算 (computed) or 待填报 (pending)."""
    if result is None:
        return NOT_YET
    if result.passed is None:
        return PENDING if result.source == Source.PENDING else UNKNOWN
    return catalogue.scoring.pass_label if result.passed else catalogue.scoring.fail_label


def source_label(result: Result | None) -> str:
    if result is None:
        return NOT_YET
    return str(Source(result.source).label)


def _names(names: list[str]) -> str:
    return "、".join(names) if names else "无"


def _limit(unit: str, what: str) -> Callable[[dict[str, Any]], list[str]]:
    def lines(f: dict[str, Any]) -> list[str]:
        limit = f.get("limit")
        text = f"{what} {f.get('count', 0)} {unit}，上限 " + (
            f"{limit} {unit}" if limit is not None else "未设"
        )
        out = [text + ("（适用较大上限）" if f.get("large") else "")]
        if "names" in f:
            out.append(f"部门：{_names(f['names'])}")
        return out

    return lines


def _structure(f: dict[str, Any]) -> list[str]:
    lines = [f"部门 {f.get('count', 0)} 个：{_names(f.get('names', []))}"]
    if f.get("not_departments"):
        lines.append(f"中心、办公室：{_names(f['not_departments'])}")
    return lines


def _positions(f: dict[str, Any]) -> list[str]:
    # 其他职务 name their holders: positions are no sensitive field.
    other = [
        f"{o.get('name', '')}（{o.get('position', '')}）" for o in f.get("other_positions", ())
    ]
    return [f"工作人员 {f.get('officers', 0)} 人", f"规定以外的职务：{_names(other)}"]


def _political(f: dict[str, Any]) -> list[str]:
    return [f"工作人员 {f.get('officers', 0)} 人，不符合 {f.get('failed', 0)} 人"]


def _academic(f: dict[str, Any]) -> list[str]:
    return [
        f"工作人员 {f.get('officers', 0)} 人，不符合 {f.get('failed', 0)} 人，"
        f"缺少成绩数据 {f.get('missing', 0)} 人"
    ]


def _selection(f: dict[str, Any]) -> list[str]:
    return [f"工作人员 {f.get('officers', 0)} 人，无选拔记录 {f.get('without_record', 0)} 人"]


def _elected(f: dict[str, Any]) -> list[str]:
    elected = f.get("elected")
    return ["平台内无代表大会记录" if elected is None else ("是" if elected else "否")]


def _schedule(f: dict[str, Any]) -> list[str]:
    if f.get("due_on") is None:
        return ["平台内无代表大会记录"]
    return [f"最近召开：{f.get('last_held_on') or '尚未召开'}", f"应召开日期：{f['due_on']}"]


FACT_LINES: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    Check.STAFF_LIMIT: _limit("人", "工作人员"),
    Check.PRESIDIUM_LIMIT: _limit("人", "主席团"),
    Check.DEPARTMENT_LIMIT: _limit("个", "工作部门"),
    Check.STRUCTURE: _structure,
    Check.POSITIONS: _positions,
    Check.POLITICAL: _political,
    Check.ACADEMIC: _academic,
    Check.SELECTION_PATH: _selection,
    Check.PRESIDIUM_ELECTED: _elected,
    Check.CONGRESS_ON_SCHEDULE: _schedule,
}


def fact_lines(indicator: Indicator, facts: dict[str, Any]) -> list[str]:
    """The facts behind a computed verdict, in words (counts only for the sensitive ones)."""
    lines = FACT_LINES.get(indicator.computes)
    return lines(facts) if lines is not None and facts else []


@dataclass(frozen=True)
class Line:  # 一项指标的结论
    indicator: Indicator
    result: Result | None
    verdict: str
    source: str
    facts: list[str]

    @property
    def passed(self) -> bool | None:
        return None if self.result is None else self.result.passed


@dataclass
class UnionBlock:
    union: Node
    lines: list[Line]


@dataclass
class LevelBlock:
    catalogue: Catalogue
    unions: list[UnionBlock] = field(default_factory=list)


@dataclass
class SchoolResults:
    school: Node
    year: int
    years: list[int]
    levels: list[LevelBlock]


def catalogues_of(year: int) -> list[Catalogue]:
    """The catalogues of `year`, table 一 first."""
    found = Catalogue.objects.filter(academic_year=year).select_related("scoring")
    return sorted(found, key=lambda c: c.level != Level.SCHOOL)


def school_results(school: Node, year: int) -> SchoolResults:
    """The school's unions × the indicators of `year`'s catalogues (both levels)."""
    catalogues = list(Catalogue.objects.select_related("scoring").order_by("level"))
    years = sorted({c.academic_year for c in catalogues} | {year}, reverse=True)
    chosen = sorted(
        (c for c in catalogues if c.academic_year == year), key=lambda c: c.level != Level.SCHOOL
    )
    if not chosen:
        return SchoolResults(school, year, years, [])
    ids = [c.pk for c in chosen]
    indicators = list(Indicator.objects.filter(catalogue_id__in=ids).order_by("number"))
    kinds = Q(kind__in=[*LEVEL_KINDS[Level.SCHOOL], *LEVEL_KINDS[Level.COLLEGE]])
    unions = list(Node.objects.filter(kinds, school=school).order_by("path"))
    results = {
        (r.indicator_id, r.union_id): r
        for r in Result.objects.filter(school=school, catalogue_id__in=ids)
    }
    levels = []
    for catalogue in chosen:
        block = LevelBlock(catalogue)
        mine = [i for i in indicators if i.catalogue_id == catalogue.pk]
        for union in unions:
            if union.kind not in LEVEL_KINDS[catalogue.level]:
                continue
            lines = []
            for indicator in mine:
                result = results.get((indicator.pk, union.pk))
                if result is not None:
                    result.indicator = indicator
                lines.append(
                    Line(
                        indicator,
                        result,
                        verdict_label(catalogue, result),
                        source_label(result),
                        fact_lines(indicator, result.facts) if result else [],
                    )
                )
            block.unions.append(UnionBlock(union, lines))
        levels.append(block)
    return SchoolResults(school, year, years, levels)
