"""The scoring models (评分模型) as data: how verdicts are written (是/否, 达标/未达标), what
graded items earn (A/B/C/D = 100/60/40/0 % of their points), how materials and presentation
weigh (70/30), the pass mark (60 of 100) and the year's verdict rule (DOMAIN.md §6).

    (none) ──create──► model ──update (stamp)──► model
    model used by a published catalogue ──update──► refused (create a new one from it)

Only the federation admin writes. An update names the model's updated_at it read (the
model has no version column; the stamp does the same job: no edit is lost unseen).
"""

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError, StaleObject

from ..models import Catalogue, CatalogueState, ScoringModel, VerdictRule

PERM = "reform.manage_catalogues"
GRADES = ("A", "B", "C", "D")
NAME_MAX, LABEL_MAX = 60, 10
IN_USE = "该评分模型已被已发布的指标体系使用，不能修改；请以它为底新建一个评分模型。"
FIELDS = [
    "name",
    "pass_label",
    "fail_label",
    "grade_percents",
    "materials_weight",
    "presentation_weight",
    "pass_mark",
    "verdict_rule",
]


@dataclass(frozen=True)
class ScoringValues:
    name: str
    pass_label: str
    fail_label: str
    grade_percents: dict[str, int | None]
    materials_weight: int | None = 100
    presentation_weight: int | None = 0
    pass_mark: int | None = None
    verdict_rule: str = VerdictRule.CORE_ITEMS


def stamp_of(scoring: ScoringModel) -> str:
    """The token an edit form carries: the model's last change."""
    return scoring.updated_at.isoformat()


def _percent(value: int | None, field: str, label: str) -> int:
    if value is None or not 0 <= value <= 100:
        raise DomainError(f"{label}须为 0 至 100 之间的整数。", field=field)
    return value


def _check_labels(v: ScoringValues) -> tuple[str, str, str]:
    name, yes, no = v.name.strip(), v.pass_label.strip(), v.fail_label.strip()
    if not name:
        raise DomainError("请填写名称。", field="name")
    if len(name) > NAME_MAX:
        raise DomainError(f"名称不能超过 {NAME_MAX} 字。", field="name")
    for value, field, label in ((yes, "pass_label", "通过"), (no, "fail_label", "未通过")):
        if not value:
            raise DomainError(f"请填写{label}的写法。", field=field)
        if len(value) > LABEL_MAX:
            raise DomainError(f"{label}的写法不能超过 {LABEL_MAX} 字。", field=field)
    if yes == no:
        raise DomainError("通过与未通过的写法不能相同。", field="fail_label")
    return name, yes, no


def _check_weights(v: ScoringValues) -> tuple[int, int]:
    materials = _percent(v.materials_weight, "materials_weight", "材料权重")
    presentation = _percent(v.presentation_weight, "presentation_weight", "展示权重")
    if materials + presentation != 100:
        raise DomainError(
            f"材料权重与展示权重之和须为 100（现为 {materials + presentation}）。",
            field="presentation_weight",
        )
    return materials, presentation


def clean_scoring(v: ScoringValues, exclude: int | None = None) -> dict[str, Any]:
    """The model's fields, checked; DomainError naming the first bad field."""
    name, yes, no = _check_labels(v)
    if ScoringModel.objects.filter(name=name).exclude(pk=exclude or 0).exists():
        raise DomainError(f"名称“{name}”已被其他评分模型使用。", field="name")
    grades = {
        g: _percent(v.grade_percents.get(g), f"grade_{g.lower()}", f"{g} 档得分比例")
        for g in GRADES
    }
    materials, presentation = _check_weights(v)
    if v.verdict_rule not in VerdictRule.values:
        raise DomainError("请选择总体结论规则。", field="verdict_rule")
    pass_mark = None
    if v.pass_mark is not None:
        pass_mark = _percent(v.pass_mark, "pass_mark", "及格线")
    if v.verdict_rule == VerdictRule.PASS_MARK and pass_mark is None:
        raise DomainError("按得分判定时须填写及格线。", field="pass_mark")
    return {
        "name": name,
        "pass_label": yes,
        "fail_label": no,
        "grade_percents": grades,
        "materials_weight": materials,
        "presentation_weight": presentation,
        "pass_mark": pass_mark,
        "verdict_rule": v.verdict_rule,
    }


def _taken(name: str) -> DomainError:
    return DomainError(f"名称“{name}”已被其他评分模型使用。", field="name")


@transaction.atomic
def scoring_create(*, actor: Any, values: ScoringValues) -> ScoringModel:
    authorize(actor, PERM)
    fields = clean_scoring(values)
    try:
        with transaction.atomic():  # the same name saved by another admin meanwhile
            scoring = ScoringModel.objects.create(**fields)
    except IntegrityError as exc:
        raise _taken(fields["name"]) from exc
    audit.record(
        actor=actor,
        action="reform.scoring.created",
        target=scoring,
        data={"name": scoring.name, "verdict_rule": scoring.verdict_rule},
    )
    return scoring


@transaction.atomic
def scoring_update(
    *, actor: Any, scoring: ScoringModel, expected_stamp: str, values: ScoringValues
) -> ScoringModel:
    """Edit a model no published catalogue uses (a published year's verdicts stand)."""
    authorize(actor, PERM)
    locked = ScoringModel.objects.select_for_update().get(pk=scoring.pk)
    published = Catalogue.objects.filter(scoring=locked, state=CatalogueState.PUBLISHED)
    if published.exists():
        raise DomainError(IN_USE, field="name")
    if stamp_of(locked) != expected_stamp:
        raise StaleObject("该评分模型已被他人修改，请刷新后重试。", field="version")
    wanted = clean_scoring(values, exclude=locked.pk)
    changed = [f for f, v in wanted.items() if getattr(locked, f) != v]
    if not changed:
        return locked
    for f in changed:
        setattr(locked, f, wanted[f])
    try:
        with transaction.atomic():
            locked.save(update_fields=[*changed, "updated_at"])
    except IntegrityError as exc:
        raise _taken(wanted["name"]) from exc
    audit.record(
        actor=actor,
        action="reform.scoring.updated",
        target=locked,
        data={"name": locked.name, "fields": changed},
    )
    return locked
