"""A union's structure and people.

department_create ──► active ──department_close──► closed (history kept)
officer_appoint ──► active membership (+ department) ──officer_exit──► ended, ExitRecord
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Membership, Position, Role, User
from tongxin.accounts.services import validate_membership
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.notifications.services import notify
from tongxin.orgs.models import UNION_KINDS, Node

from ..eligibility import eligibility_of
from ..limits import counts_for, limits_for, refusal_if_full
from ..models import (
    Appointment,
    Department,
    ExitKind,
    ExitRecord,
    RecordKind,
    RewardPenalty,
    RotationSlot,
)


def _lock_union(union: Node) -> Node:
    """Serialise appointments per union so two at once cannot both take the last place."""
    return Node.objects.select_for_update().get(pk=union.pk)


@transaction.atomic
def department_create(*, actor: User, union: Node, name: str) -> Department:
    authorize(actor, "staff.manage_union", union)
    union = _lock_union(union)
    name = name.strip()
    if not name or len(name) > 40:
        raise DomainError(_("部门名称应为 1 到 40 个字。"), field="name")
    if any(word in name for word in ("中心", "办公室", "项目")):
        raise DomainError(
            _("学生会只设主席团和工作部门，不设“中心”“办公室”等常设机构。"), field="name"
        )
    if Department.objects.filter(union=union, name=name, is_active=True).exists():
        raise DomainError(_("已有名为“%(n)s”的部门。") % {"n": name}, field="name")
    refusal = refusal_if_full(union, "departments", counts_for(union), limits_for(union))
    if refusal:
        raise DomainError(refusal, field="name")
    department = Department.objects.create(union=union, school_id=union.school_pk, name=name)
    audit.record(
        actor=actor, action="staff.department.created", target=department, data={"name": name}
    )
    return department


@transaction.atomic
def department_close(*, actor: User, department: Department) -> Department:
    authorize(actor, "staff.manage_union", department.union)
    if Appointment.objects.filter(department=department, membership__end__isnull=True).exists():
        raise DomainError(_("部门还有在任人员，请先调整他们的部门。"))
    department.is_active, department.closed_at = False, timezone.now()
    department.save(update_fields=["is_active", "closed_at"])
    audit.record(actor=actor, action="staff.department.closed", target=department)
    return department


def _check_limits(union: Node, position: str) -> None:
    counts, limits = counts_for(union), limits_for(union)
    refusal = refusal_if_full(union, "staff", counts, limits)
    if refusal is None and position in PRESIDIUM_POSITIONS:
        refusal = refusal_if_full(union, "presidium", counts, limits)
    if refusal:
        raise DomainError(refusal, field="position")


def _check_department(union: Node, position: str, department: Department | None) -> None:
    if position in PRESIDIUM_POSITIONS and department is not None:
        raise DomainError(_("主席团成员不属于工作部门。"), field="department")
    if position not in PRESIDIUM_POSITIONS and department is None:
        raise DomainError(_("部长、副部长和干事须属于一个工作部门。"), field="department")
    if department is not None and (department.union_id != union.pk or not department.is_active):
        raise DomainError(_("请选择本会在设的工作部门。"), field="department")


@transaction.atomic
def officer_appoint(
    *,
    actor: User,
    user: User,
    union: Node,
    position: str,
    department: Department | None = None,
    start: datetime.date | None = None,
) -> Membership:
    """Appoint an officer: allowed title, eligible person, within every limit."""
    authorize(actor, "staff.manage_union", union)
    if union.kind not in UNION_KINDS:
        raise DomainError(_("只能任命到学生会或研究生会。"), field="union")
    union = _lock_union(union)
    validate_membership(user=user, node=union, role=Role.OFFICER, position=position)
    _check_department(union, position, department)
    if Membership.objects.active().filter(user=user, node=union, role=Role.OFFICER).exists():
        raise DomainError(_("%(n)s已在本会任职。") % {"n": user.real_name}, field="user")
    eligibility = eligibility_of(user)
    if not eligibility.meets:
        reasons = "；".join(c.public_text for c in eligibility.failed)
        raise DomainError(
            _("%(n)s不符合任职资格：%(r)s。") % {"n": user.real_name, "r": reasons}, field="user"
        )
    _check_limits(union, position)
    membership = Membership.objects.create(
        user=user,
        node=union,
        school_id=union.school_pk,
        role=Role.OFFICER,
        position=position,
        start=start or timezone.localdate(),
    )
    Appointment.objects.create(
        membership=membership, department=department, school_id=union.school_pk
    )
    audit.record(
        actor=actor,
        action="staff.officer.appointed",
        target=membership,
        data={
            "user": user.pk,
            "union": union.pk,
            "position": position,
            "department": getattr(department, "pk", None),
        },
    )
    notify(
        recipients=[user],
        verb="staff.officer.appointed",
        title=_("您已被任命为%(u)s%(p)s") % {"u": union.name, "p": Position(position).label},
        school=union.school,
    )
    return membership


@transaction.atomic
def officer_exit(
    *, actor: User, membership: Membership, kind: str, reason: str, warning: Any = None
) -> ExitRecord:
    """退出: the membership ends (history kept) and the exit is recorded with its reason."""
    authorize(actor, "staff.manage_union", membership.node)
    if kind not in ExitKind.values:
        raise DomainError(_("请选择退出方式。"), field="kind")
    reason = reason.strip()
    if not reason:
        raise DomainError(_("请填写退出原因。"), field="reason")
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role != Role.OFFICER or membership.end is not None:
        raise DomainError(_("该任职已经结束。"))
    membership.end, membership.end_reason = (
        timezone.localdate(),
        f"{ExitKind(kind).label}：{reason}",
    )
    membership.save(update_fields=["end", "end_reason"])
    record = ExitRecord.objects.create(
        membership=membership,
        school_id=membership.node.school_pk,
        kind=kind,
        reason=reason,
        warning=warning,
        decided_by=actor,
    )
    audit.record(actor=actor, action="staff.officer.exited", target=membership, data={"kind": kind})
    return record


@transaction.atomic
def rotation_save(
    *, actor: User, union: Node, slots: list[tuple[User, datetime.date, datetime.date]]
) -> int:
    """轮值执行主席: who chairs which period. Each chair must be a presidium member of the union."""
    authorize(actor, "staff.manage_union", union)
    presidium = set(
        Membership.objects.active()
        .filter(node=union, role=Role.OFFICER, position__in=PRESIDIUM_POSITIONS)
        .values_list("user_id", flat=True)
    )
    ordered = sorted(slots, key=lambda s: s[1])
    for index, (user, start, end) in enumerate(ordered, start=1):
        if user.pk not in presidium:
            raise DomainError(
                _("第 %(i)d 段：%(n)s不是本会主席团成员。") % {"i": index, "n": user.real_name},
                field="slots",
            )
        if end < start:
            raise DomainError(
                _("第 %(i)d 段：结束日期早于开始日期。") % {"i": index}, field="slots"
            )
        if index > 1 and start <= ordered[index - 2][2]:
            raise DomainError(_("第 %(i)d 段与上一段时间重叠。") % {"i": index}, field="slots")
    RotationSlot.objects.filter(union=union).delete()
    RotationSlot.objects.bulk_create(
        [
            RotationSlot(union=union, school_id=union.school_pk, user=u, start=s, end=e)
            for u, s, e in ordered
        ]
    )
    audit.record(
        actor=actor, action="staff.rotation.saved", target=union, data={"slots": len(ordered)}
    )
    return len(ordered)


@transaction.atomic
def record_add(
    *,
    actor: User,
    officer: User,
    kind: str,
    title: str,
    reason: str,
    date: datetime.date | None = None,
) -> RewardPenalty:
    if officer.school is None:
        raise DomainError(_("该人员没有所属学校。"))
    authorize(actor, "staff.manage_school", officer.school)
    if kind not in RecordKind.values:
        raise DomainError(_("请选择奖励或处分。"), field="kind")
    if not title.strip() or not reason.strip():
        raise DomainError(_("请填写名称和事由。"), field="title")
    entry = RewardPenalty.objects.create(
        school=officer.school,
        officer=officer,
        kind=kind,
        title=title.strip(),
        reason=reason.strip(),
        recorded_by=actor,
        date=date or timezone.localdate(),
    )
    audit.record(
        actor=actor,
        action="staff.record.added",
        target=entry,
        data={"kind": kind, "officer": officer.pk},
    )
    return entry
