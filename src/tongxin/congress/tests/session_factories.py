"""Congress sessions for tests: a line per union and a session walked through the services
to the state a test needs (every step by the person the rules allow)."""

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from tongxin.attachments.services import attachment_upload
from tongxin.congress import services
from tongxin.congress.models import CongressLine, Session, SessionState
from tongxin.testing.province import TinyProvince

S = SessionState
# Who runs and who supervises each union of the tiny province.
PEOPLE = {
    "college_union_a1": ("college_officer_a1", "advisor_a"),
    "college_union_a2": ("college_officer_a2", "advisor_a"),
    "union_a": ("officer_a", "city_staff_1"),
    "union_b": ("officer_b", "city_staff_2"),
}
PATH = [S.PLANNED, S.APPLIED, S.APPROVED, S.CONFIRMED, S.HELD, S.REPORTED, S.CLOSED]


def fresh(obj: Any) -> Any:
    return type(obj).objects.get(pk=obj.pk)


def line(province: TinyProvince, union: str = "college_union_a1") -> CongressLine:
    return services.line_for(province.nodes[union])


def today() -> datetime.date:
    return timezone.localdate()


def apply_values(**over: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "planned_start": today(),
        "planned_end": today(),
        "place": "学术报告厅",
        "agenda": "一、工作报告；二、财务报告；三、选举",
        "delegate_seats": 30,
    }
    return {**values, **over}


def hold_values(**over: Any) -> dict[str, Any]:
    return {"held_start": today(), "held_end": today(), "attendance": 28, **over}


def report_values(**over: Any) -> dict[str, Any]:
    values = {
        "work_report": "一年来的工作。",
        "finance_report": "收支公开。",
        "resolutions": "通过工作报告。",
        "election_results": "选出新一届主席团。",
    }
    return {**values, **over}


def step(province: TinyProvince, session: Session, name: str) -> Session:
    """Take one step of the main path (or return/cancel) as the person the rules allow."""
    officer, supervisor = (province.people[p] for p in PEOPLE[_union_key(province, session)])
    v = {"session": session, "expected_version": session.version}
    calls = {
        "apply": lambda: services.session_apply(actor=officer, **v, **apply_values()),
        "approve": lambda: services.session_approve(actor=supervisor, **v, note="同意"),
        "return": lambda: services.session_return(actor=supervisor, **v, reason="议程不全"),
        "confirm": lambda: services.session_confirm(actor=officer, **v),
        "hold": lambda: services.session_hold(actor=officer, **v, **hold_values()),
        "report": lambda: services.session_report(actor=officer, **v, **report_values()),
        "close": lambda: services.session_close(actor=supervisor, **v),
        "cancel": lambda: services.session_cancel(actor=officer, **v, reason="推迟"),
    }
    return calls[name]()


def _union_key(province: TinyProvince, session: Session) -> str:
    return next(k for k in PEOPLE if province.nodes[k].pk == session.union_id)


NEXT = {
    S.PLANNED: "apply",
    S.APPLIED: "approve",
    S.APPROVED: "confirm",
    S.CONFIRMED: "hold",
    S.HELD: "report",
    S.REPORTED: "close",
}


def walk(province: TinyProvince, state: str, union: str = "college_union_a1") -> Session:
    """A session of `union` brought to `state` through the services."""
    officer = province.people[PEOPLE[union][0]]
    session = services.session_plan(actor=officer, line=line(province, union))
    if state == S.RETURNED:
        return step(province, step(province, session, "apply"), "return")
    if state == S.CANCELLED:
        return step(province, session, "cancel")
    while session.state != state:
        session = step(province, session, NEXT[session.state])
    return fresh(session)


def attach_report(actor: Any, subject: Any) -> None:
    with transaction.atomic():
        attachment_upload(
            actor=actor,
            subject=subject,
            upload=SimpleUploadedFile("报告.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        )
