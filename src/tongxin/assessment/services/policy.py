"""The province's weights and level thresholds, per academic year (data, not code).

defaults (20 % per dimension; 40/40/20 by group; 90/75/60)
    ──policy_save──► the year's own row, in force for rounds opened from then on
"""

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from tongxin.accounts.models import User
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError

from ..models import AssessmentPolicy, Dimension, RaterGroup

DIMENSION_FIELDS = [f"weight_{d}" for d in Dimension.values]
GROUP_FIELDS = [f"weight_{g}" for g in RaterGroup.values]
LEVEL_FIELDS = ["excellent_min", "pass_min", "basic_min"]
FIELDS = DIMENSION_FIELDS + GROUP_FIELDS + LEVEL_FIELDS


def _label(field: str) -> str:
    return str(getattr(AssessmentPolicy._meta.get_field(field), "verbose_name", field))


def _whole_numbers(values: Mapping[str, object]) -> dict[str, int]:
    clean: dict[str, int] = {}
    for field in FIELDS:
        value = values.get(field)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise DomainError(
                _("%(f)s应为 0 到 100 之间的整数。") % {"f": _label(field)}, field=field
            )
        clean[field] = value
    return clean


def _check_sums(clean: dict[str, int]) -> None:
    for fields, what in ((DIMENSION_FIELDS, _("五个维度")), (GROUP_FIELDS, _("三个评议组"))):
        total = sum(clean[f] for f in fields)
        if total != 100:
            raise DomainError(
                _("%(w)s的权重合计应为 100，现为 %(t)d。") % {"w": what, "t": total},
                field=fields[0],
            )
    if not 0 < clean["basic_min"] < clean["pass_min"] < clean["excellent_min"] <= 100:
        raise DomainError(
            _("等级分数线应满足：0 < 基本合格 < 合格 < 优秀 ≤ 100。"), field="basic_min"
        )


@transaction.atomic
def policy_save(
    *, actor: User, academic_year: int, values: Mapping[str, object]
) -> AssessmentPolicy:
    authorize(actor, "assessment.manage_policy")
    if not 2000 <= academic_year <= 2100:
        raise DomainError(_("请填写正确的学年（起始年份）。"), field="academic_year")
    clean = _whole_numbers(values)
    _check_sums(clean)
    row, created = AssessmentPolicy.objects.update_or_create(
        academic_year=academic_year, defaults={**clean, "updated_by": actor}
    )
    audit.record(
        actor=actor,
        action="assessment.policy.saved",
        target=row,
        data={"academic_year": academic_year, "created": created, **clean},
    )
    return row
