"""A school's rights-desk settings and category routes; the province's categories.

defaults ──rights_settings_save──► the school's own clocks and switches
school union (default) ──category_routes_save──► the student's college union
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tongxin.accounts.models import User
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node

from ..models import CategoryRoute, IssueCategory, RightsSettings

LIMITS = {
    "first_reply_hours": (1, 168),
    "decide_workdays": (1, 30),
    "answer_workdays": (1, 30),
    "urgent_answer_workdays": (1, 10),
    "feedback_workdays": (1, 10),
    "auto_close_days": (1, 60),
    "daily_submission_limit": (1, 100000),
}


@transaction.atomic
def rights_settings_save(*, actor: User, school: Node, values: dict[str, Any]) -> RightsSettings:
    authorize(actor, "rights.manage_settings", school)
    for field, (low, high) in LIMITS.items():
        value = values.get(field)
        if not isinstance(value, int) or not low <= value <= high:
            label = getattr(RightsSettings._meta.get_field(field), "verbose_name", field)
            raise DomainError(
                _("%(f)s应在 %(a)d 到 %(b)d 之间。") % {"f": label, "a": low, "b": high},
                field=field,
            )
    entry, _created = RightsSettings.objects.update_or_create(
        school=school,
        defaults={
            **{f: values[f] for f in LIMITS},
            "head_approval_required": bool(values.get("head_approval_required")),
        },
    )
    audit.record(
        actor=actor,
        action="rights.settings.updated",
        target=school,
        data={f: values[f] for f in LIMITS},
    )
    return entry


@transaction.atomic
def category_routes_save(
    *, actor: User, school: Node, categories: list[IssueCategory]
) -> list[int]:
    """These categories go to the student's college union instead of the school union."""
    authorize(actor, "rights.manage_settings", school)
    CategoryRoute.objects.filter(school=school).delete()
    CategoryRoute.objects.bulk_create(
        [CategoryRoute(school=school, category=c) for c in categories]
    )
    ids = sorted(c.pk for c in categories)
    audit.record(
        actor=actor, action="rights.route.updated", target=school, data={"categories": ids}
    )
    return ids


@transaction.atomic
def category_save(
    *,
    actor: User,
    category: IssueCategory | None,
    name: str,
    is_urgent: bool,
    is_active: bool = True,
) -> IssueCategory:
    authorize(actor, "rights.manage_categories")
    name = name.strip()
    if not name or len(name) > 30:
        raise DomainError(_("类别名称应为 1 到 30 个字。"), field="name")
    clash = IssueCategory.objects.filter(name=name)
    if category is not None:
        clash = clash.exclude(pk=category.pk)
    if clash.exists():
        raise DomainError(_("已有名为“%(n)s”的类别。") % {"n": name}, field="name")
    category = category or IssueCategory(position=IssueCategory.objects.count() + 1)
    category.name, category.is_urgent, category.is_active = name, is_urgent, is_active
    category.save()
    audit.record(
        actor=actor,
        action="rights.category.saved",
        target=category,
        data={"name": name, "urgent": is_urgent, "active": is_active},
    )
    return category
