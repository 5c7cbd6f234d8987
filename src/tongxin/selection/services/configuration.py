"""A school's selection settings (the advisor).

defaults (5 working days) ──selection_settings_save──► the school's own notice length
(running notices keep the length they started with)
"""

from django.db import transaction
from django.utils.translation import gettext as _

from tongxin.accounts.models import User
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node

from ..models import SelectionSettings

NOTICE_WORKDAYS = (1, 30)


@transaction.atomic
def selection_settings_save(
    *, actor: User, school: Node, notice_workdays: int
) -> SelectionSettings:
    authorize(actor, "selection.manage_settings", school)
    low, high = NOTICE_WORKDAYS
    if not isinstance(notice_workdays, int) or not low <= notice_workdays <= high:
        raise DomainError(
            _("公示期应在 %(a)d 到 %(b)d 个工作日之间。") % {"a": low, "b": high},
            field="notice_workdays",
        )
    entry, _created = SelectionSettings.objects.update_or_create(
        school=school, defaults={"notice_workdays": notice_workdays}
    )
    audit.record(
        actor=actor,
        action="selection.settings.updated",
        target=school,
        data={"notice_workdays": notice_workdays},
    )
    return entry
