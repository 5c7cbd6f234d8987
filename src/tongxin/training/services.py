"""Recording training.

session_create ──► session (school or college level) ──attendance_record──► who came, hours, score
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from tongxin.accounts.models import User
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node, NodeKind

from .models import Attendance, SessionKind, TrainingSession


def _hours(raw: object, field: str) -> Decimal:
    try:
        value = Decimal(str(raw))
    except InvalidOperation as exc:
        raise DomainError(_("学时应为数字。"), field=field) from exc
    if not Decimal("0.5") <= value <= Decimal("40"):
        raise DomainError(_("学时应在 0.5 到 40 之间。"), field=field)
    return value


@transaction.atomic
def session_create(
    *, actor: User, host: Node, kind: str, title: str, date: datetime.date, hours: object
) -> TrainingSession:
    authorize(actor, "training.manage_session", host)
    if host.kind not in {NodeKind.SCHOOL, NodeKind.COLLEGE}:
        raise DomainError(_("培训由学校或学院举办。"), field="host")
    if kind not in SessionKind.values:
        raise DomainError(_("请选择培训类别。"), field="kind")
    title = title.strip()
    if not title or len(title) > 100:
        raise DomainError(_("请填写培训主题（不超过 100 字）。"), field="title")
    session = TrainingSession.objects.create(
        school_id=host.school_pk,
        host=host,
        kind=kind,
        title=title,
        date=date,
        hours=_hours(hours, "hours"),
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="training.session.created",
        target=session,
        data={"host": host.pk, "kind": kind, "date": date.isoformat()},
    )
    return session


@transaction.atomic
def attendance_record(
    *, actor: User, session: TrainingSession, entries: list[tuple[User, object, int | None]]
) -> int:
    """Add attendees (person, hours, optional score 0–100); each person once per session."""
    authorize(actor, "training.manage_session", session.host)
    rows = []
    for index, (user, hours, score) in enumerate(entries, start=1):
        if user.school_id != session.school_id:
            raise DomainError(_("第 %(i)d 人不是本校人员。") % {"i": index}, field="attendees")
        if score is not None and not 0 <= score <= 100:
            raise DomainError(
                _("第 %(i)d 人的成绩应在 0 到 100 之间。") % {"i": index}, field="attendees"
            )
        rows.append(
            Attendance(
                session=session,
                school_id=session.school_id,
                user=user,
                hours=_hours(hours, "attendees"),
                score=score,
            )
        )
    already = set(
        Attendance.objects.filter(session=session, user__in=[r.user for r in rows]).values_list(
            "user_id", flat=True
        )
    )
    if already:
        raise DomainError(_("有人员已登记过本场培训。"), field="attendees")
    Attendance.objects.bulk_create(rows)
    audit.record(
        actor=actor,
        action="training.attendance.recorded",
        target=session,
        data={"count": len(rows)},
    )
    return len(rows)
