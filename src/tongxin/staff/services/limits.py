"""The province edits the limits as data.

(nothing for year Y) ──limit_save──► StaffLimit(Y, level) — applies from Y until changed
"""

from django.db import transaction
from django.utils.translation import gettext as _

from tongxin.accounts.models import User
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError

from ..models import StaffLimit, UnionLevel

FIELDS = ["max_staff", "max_staff_large", "max_presidium", "max_departments"]


@transaction.atomic
def limit_save(
    *, actor: User, academic_year: int, level: str, values: dict[str, int | None]
) -> StaffLimit:
    authorize(actor, "staff.manage_limits")
    if level not in UnionLevel.values:
        raise DomainError(_("请选择层级。"), field="level")
    if not 2017 <= academic_year <= 2100:
        raise DomainError(_("学年应在 2017 到 2100 之间。"), field="academic_year")
    for field in FIELDS:
        value = values.get(field)
        if value is not None and not 1 <= value <= 500:
            raise DomainError(_("上限应在 1 到 500 之间，或留空表示不限。"), field=field)
    staff, large = values.get("max_staff"), values.get("max_staff_large")
    if staff is not None and large is not None and large < staff:
        raise DomainError(_("大规模学校的上限不能低于一般上限。"), field="max_staff_large")
    row, _created = StaffLimit.objects.update_or_create(
        academic_year=academic_year, level=level, defaults={f: values.get(f) for f in FIELDS}
    )
    audit.record(
        actor=actor,
        action="staff.limit.saved",
        target=row,
        data={"year": academic_year, "level": level, **{f: values.get(f) for f in FIELDS}},
    )
    return row
