"""Editing the catalogue (指标体系) and its indicators; the scoring models are in scorings.py.

    draft ──edit / indicator add·edit·delete (version)──► draft
    draft ──publish (version)──► published (frozen: every edit refused)
    any   ──copy to a year──► a new draft of that year (same level, every indicator)

Only the federation admin (reform.manage_catalogues) writes. Every edit names the
catalogue's version it read (optimistic locking: two admins never overwrite each other
unseen) and bumps it, indicator edits included. Deleting an indicator of a draft removes
its results in the same transaction (results are recomputable), as does changing what it
computes; both are refused once a union attached evidence to one of those results.
"""

import datetime
import string
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError, StaleObject
from tongxin.staff.calendar import academic_year_of

from ..models import (
    Catalogue,
    CatalogueState,
    Check,
    Evidence,
    Indicator,
    IndicatorKind,
    Level,
    Mark,
    Result,
    ScoringModel,
)

PERM = "reform.manage_catalogues"
FROZEN = "该指标体系已发布，不能修改；请复制为新学年后修改。"
FIRST_YEAR = 2015  # the reform's first self-assessments (DOMAIN.md §6) are later
YEARS_AHEAD = 5
TITLE_MAX, NOTE_MAX, SHORT_MAX, TEXT_MAX, REMARK_MAX = 100, 2000, 20, 2000, 60
NUMBER_MAX = 999
THRESHOLD_MAX = 100_000
POINTS_MAX = Decimal("999.9")
REMARK_FIELDS = {"count", "date"}  # what a remark template may name (实有 {count} 人)
INDICATOR_FIELDS = [
    "number",
    "short",
    "text",
    "mark",
    "kind",
    "computes",
    "threshold",
    "remark_template",
    "points",
    "evidence_for_past",
]


@dataclass(frozen=True)
class IndicatorValues:
    """An indicator as the admin typed it (the form's or the API's fields)."""

    number: int | None
    short: str
    text: str
    mark: str = ""
    kind: str = IndicatorKind.YES_NO
    computes: str = ""
    threshold: int | None = None
    remark_template: str = ""
    points: Decimal | None = None
    evidence_for_past: bool = False


def _stale() -> StaleObject:
    return StaleObject("该指标体系已被他人修改，请刷新后重试。", field="version")


def _locked(catalogue: Catalogue, expected_version: int | None) -> Catalogue:
    """The catalogue locked for the edit: refused when published (frozen) or changed since
    the actor read it."""
    locked = Catalogue.objects.select_for_update().get(pk=catalogue.pk)
    if locked.is_frozen:
        raise DomainError(FROZEN, field="catalogue")
    if expected_version is None or locked.version != expected_version:
        raise _stale()
    return locked


def _bump(catalogue: Catalogue, *fields: str) -> None:
    catalogue.version += 1
    catalogue.save(update_fields=[*fields, "version"])


# --- the catalogue ------------------------------------------------------------------------


@transaction.atomic
def catalogue_update(
    *,
    actor: Any,
    catalogue: Catalogue,
    expected_version: int | None,
    title: str,
    scoring: ScoringModel | None,
    note: str,
) -> Catalogue:
    """Edit a draft's title, scoring model and note."""
    authorize(actor, PERM)
    locked = _locked(catalogue, expected_version)
    title, note = title.strip(), note.strip()
    if not title:
        raise DomainError("请填写名称。", field="title")
    if len(title) > TITLE_MAX:
        raise DomainError(f"名称不能超过 {TITLE_MAX} 字。", field="title")
    if scoring is None:
        raise DomainError("请选择评分模型。", field="scoring")
    if len(note) > NOTE_MAX:
        raise DomainError(f"说明不能超过 {NOTE_MAX} 字。", field="note")
    wanted = {"title": title, "scoring_id": scoring.pk, "note": note}
    changed = [f for f, v in wanted.items() if getattr(locked, f) != v]
    if not changed:
        return locked
    for f in changed:
        setattr(locked, f, wanted[f])
    _bump(locked, *changed)
    audit.record(
        actor=actor,
        action="reform.catalogue.updated",
        target=locked,
        data={"fields": [f.removesuffix("_id") for f in changed], "scoring": scoring.pk},
    )
    return locked


def _year_label(year: int) -> str:
    return f"{year}—{year + 1}"


def copy_years(today: datetime.date | None = None) -> tuple[int, int]:
    """The academic years a catalogue may be copied to (inclusive)."""
    this_year = academic_year_of(today or timezone.localdate())
    return FIRST_YEAR, this_year + YEARS_AHEAD


def _check_copy_year(year: int | None, level: str) -> int:
    low, high = copy_years()
    if year is None:
        raise DomainError("请填写要复制到的学年（起始年份）。", field="year")
    if not low <= year <= high:
        raise DomainError(f"学年须在 {low} 至 {high} 之间。", field="year")
    if Catalogue.objects.filter(academic_year=year, level=level).exists():
        raise DomainError(_exists(year, level), field="year")
    return year


def _exists(year: int, level: str) -> str:
    return f"{_year_label(year)} 学年的{Level(level).label}已存在，不能重复复制。"


@transaction.atomic
def catalogue_copy(*, actor: Any, catalogue: Catalogue, year: int | None) -> Catalogue:
    """A draft of `year` with a copy of every indicator of `catalogue` (any state), the
    same level, scoring model and note; refused when that year already has the level."""
    authorize(actor, PERM)
    source = Catalogue.objects.select_related("scoring").get(pk=catalogue.pk)
    year = _check_copy_year(year, source.level)
    try:
        with transaction.atomic():  # another admin copied to the same year meanwhile
            copy = Catalogue.objects.create(
                academic_year=year,
                level=source.level,
                title=source.title.replace(_year_label(source.academic_year), _year_label(year))[
                    :TITLE_MAX
                ],
                state=CatalogueState.DRAFT,
                scoring=source.scoring,
                based_on=source,
                note=source.note,
            )
    except IntegrityError as exc:
        raise DomainError(_exists(year, source.level), field="year") from exc
    indicators = Indicator.objects.filter(catalogue=source).order_by("number")
    made = Indicator.objects.bulk_create(
        Indicator(catalogue=copy, **{f: getattr(i, f) for f in INDICATOR_FIELDS})
        for i in indicators
    )
    audit.record(
        actor=actor,
        action="reform.catalogue.copied",
        target=copy,
        data={"source": source.pk, "year": year, "indicators": len(made)},
    )
    return copy


@transaction.atomic
def catalogue_publish(
    *, actor: Any, catalogue: Catalogue, expected_version: int | None
) -> Catalogue:
    """Publish a draft: from now on it is frozen (edit a copy for the next year)."""
    authorize(actor, PERM)
    locked = Catalogue.objects.select_for_update().get(pk=catalogue.pk)
    if locked.is_frozen:
        raise DomainError("该指标体系已经发布。", field="state")
    if expected_version is None or locked.version != expected_version:
        raise _stale()
    count = Indicator.objects.filter(catalogue=locked).count()
    if not count:
        raise DomainError("指标体系中还没有指标，不能发布。", field="state")
    locked.state = CatalogueState.PUBLISHED
    locked.published_at, locked.published_by = timezone.now(), actor
    _bump(locked, "state", "published_at", "published_by")
    audit.record(
        actor=actor,
        action="reform.catalogue.published",
        target=locked,
        data={"year": locked.academic_year, "level": locked.level, "indicators": count},
    )
    return locked


# --- indicators ---------------------------------------------------------------------------


def _check_remark(template: str) -> str:
    template = template.strip()
    bad = DomainError(
        "备注写法只能使用 {count}（数量）和 {date}（日期）两个占位符，例如“实有 {count} 人”。",
        field="remark_template",
    )
    if len(template) > REMARK_MAX:
        raise DomainError(f"备注写法不能超过 {REMARK_MAX} 字。", field="remark_template")
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:  # a lone { or }
        raise bad from exc
    for _literal, name, spec, conversion in parts:
        if name is not None and (name not in REMARK_FIELDS or spec or conversion):
            raise bad
    return template


def _check_points(points: Decimal | None) -> Decimal | None:
    if points is None:
        return None
    bad = DomainError(f"分值须在 0 至 {POINTS_MAX} 之间，最多一位小数。", field="points")
    try:
        if not Decimal(0) <= points <= POINTS_MAX or points != points.quantize(Decimal("0.1")):
            raise bad
    except InvalidOperation as exc:
        raise bad from exc
    return points


def _check_texts(v: IndicatorValues) -> tuple[str, str]:
    short, text = v.short.strip(), v.text.strip()
    if not short:
        raise DomainError("请填写简称。", field="short")
    if len(short) > SHORT_MAX:
        raise DomainError(f"简称不能超过 {SHORT_MAX} 字。", field="short")
    if not text:
        raise DomainError("请填写指标内容。", field="text")
    if len(text) > TEXT_MAX:
        raise DomainError(f"指标内容不能超过 {TEXT_MAX} 字。", field="text")
    return short, text


def _check_number(v: IndicatorValues, siblings: list[Indicator]) -> int:
    if v.number is None or not 1 <= v.number <= NUMBER_MAX:
        raise DomainError(f"序号须为 1 至 {NUMBER_MAX} 之间的整数。", field="number")
    for other in siblings:
        if other.number == v.number:
            raise DomainError(f"序号 {v.number} 已被“{other.short}”使用。", field="number")
    return v.number


def _check_computes(v: IndicatorValues, siblings: list[Indicator]) -> str:
    if v.kind != IndicatorKind.COMPUTED:
        return ""  # only a computed indicator computes something
    if not v.computes:
        raise DomainError("系统计算的指标须选择计算项。", field="computes")
    if v.computes not in Check.values:
        raise DomainError("未知的计算项。", field="computes")
    for other in siblings:
        if other.computes == v.computes:
            label = Check(v.computes).label
            raise DomainError(f"计算项“{label}”已用于第 {other.number} 项。", field="computes")
    return v.computes


def _check_threshold(v: IndicatorValues) -> int | None:
    if v.kind != IndicatorKind.NUMBER:
        return None  # a threshold only means something to a number item
    if v.threshold is None:
        raise DomainError("数值类指标须填写阈值。", field="threshold")
    if not 0 <= v.threshold <= THRESHOLD_MAX:
        raise DomainError(f"阈值须为 0 至 {THRESHOLD_MAX} 之间的整数。", field="threshold")
    return v.threshold


def clean_indicator(
    v: IndicatorValues, catalogue: Catalogue, exclude: int | None = None
) -> dict[str, Any]:
    """The indicator's fields, checked; DomainError naming the first bad field."""
    siblings = list(Indicator.objects.filter(catalogue=catalogue).exclude(pk=exclude or 0))
    number = _check_number(v, siblings)
    short, text = _check_texts(v)
    if v.mark not in Mark.values:
        raise DomainError("标记只能是★、▲或无。", field="mark")
    if v.kind not in IndicatorKind.values:
        raise DomainError("请选择指标类型。", field="kind")
    computes = _check_computes(v, siblings)
    return {
        "number": number,
        "short": short,
        "text": text,
        "mark": v.mark,
        "kind": v.kind,
        "computes": computes,
        "threshold": _check_threshold(v),
        "remark_template": _check_remark(v.remark_template),
        "points": _check_points(v.points),
        # Evidence for the years before Tongxin stands in for a computed verdict only.
        "evidence_for_past": bool(v.evidence_for_past) and bool(computes),
    }


def _drop_results(indicator: Indicator, why: str) -> int:
    """Remove the indicator's results (recomputable); refused once evidence is attached."""
    if Evidence.objects.filter(result__indicator=indicator).exists():
        raise DomainError(f"该指标已有学生会提交的依据材料，不能{why}。", field="kind")
    deleted, _by_model = Result.objects.filter(indicator=indicator).delete()
    return deleted


def _indicator_event(actor: Any, action: str, indicator: Indicator, **data: Any) -> None:
    audit.record(
        actor=actor,
        action=action,
        target=indicator,
        data={
            "catalogue": indicator.catalogue_id,
            "number": indicator.number,
            "short": indicator.short,
            **data,
        },
    )


@transaction.atomic
def indicator_create(
    *, actor: Any, catalogue: Catalogue, expected_version: int | None, values: IndicatorValues
) -> Indicator:
    authorize(actor, PERM)
    locked = _locked(catalogue, expected_version)
    indicator = Indicator.objects.create(catalogue=locked, **clean_indicator(values, locked))
    _bump(locked)
    _indicator_event(actor, "reform.indicator.created", indicator, kind=indicator.kind)
    return indicator


@transaction.atomic
def indicator_update(
    *, actor: Any, indicator: Indicator, expected_version: int | None, values: IndicatorValues
) -> Indicator:
    """Edit an indicator of a draft. Changing its kind or what it computes removes its
    results: the next computation writes them afresh."""
    authorize(actor, PERM)
    locked = _locked(indicator.catalogue, expected_version)
    current = Indicator.objects.select_for_update().get(pk=indicator.pk)
    wanted = clean_indicator(values, locked, exclude=current.pk)
    changed = [f for f, v in wanted.items() if getattr(current, f) != v]
    if not changed:
        return current
    dropped = 0
    if {"kind", "computes"} & set(changed):
        dropped = _drop_results(current, "更改类型或计算项")
    for f in changed:
        setattr(current, f, wanted[f])
    current.save(update_fields=changed)
    _bump(locked)
    _indicator_event(
        actor, "reform.indicator.updated", current, fields=changed, results_removed=dropped
    )
    return current


@transaction.atomic
def indicator_delete(*, actor: Any, indicator: Indicator, expected_version: int | None) -> int:
    """Delete an indicator of a draft with its results; the number of results removed."""
    authorize(actor, PERM)
    locked = _locked(indicator.catalogue, expected_version)
    current = Indicator.objects.select_for_update().get(pk=indicator.pk)
    dropped = _drop_results(current, "删除")
    _indicator_event(actor, "reform.indicator.deleted", current, results_removed=dropped)
    current.delete()
    _bump(locked)
    return dropped
