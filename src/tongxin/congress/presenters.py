"""What a viewer sees of a congress line and its sessions: the steps they may take now (the
transition table), the timeline, and the schedule in words."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from tongxin.core.authz import can

from . import selectors
from .election_setup_selectors import session_elections
from .machine import SESSION
from .models import CongressForm, CongressLine, Session, SessionState
from .schedule import is_overdue, rule_for


def available_steps(session: Session, viewer: Any) -> list[str]:
    """The steps the transition table lets this viewer take now (congress.machine)."""
    return SESSION.allowed(viewer, session)


@dataclass(frozen=True)
class Due:
    due_on: datetime.date
    overdue: bool
    days: int  # days left (negative: days overdue)


def due_of(line: CongressLine, today: datetime.date | None = None) -> Due:
    today = today or timezone.localdate()
    return Due(line.due_on, is_overdue(line, today), (line.due_on - today).days)


@dataclass(frozen=True)
class TimelineLine:
    kind: str
    label: str
    actor: str
    text: str
    at: datetime.datetime


LABELS = {a.done: a.label for a in SESSION.actions}


def timeline_lines(session: Session) -> list[TimelineLine]:
    return [
        TimelineLine(e.kind, str(LABELS.get(e.kind, e.kind)), e.actor_label, e.text, e.created_at)
        for e in selectors.timeline_for(session)
    ]


@dataclass(frozen=True)
class Quorum:  # 全体学生大会的法定人数
    students: int
    more_than: int  # attendance must exceed this
    met: bool | None  # None: not held yet


def quorum_of(session: Session) -> Quorum | None:
    """An assembly's quorum against the college's live student count (None for a congress)."""
    if session.form != CongressForm.ASSEMBLY or session.union.parent_id is None:
        return None
    students = selectors.college_student_count(session.union.parent_id)
    permille = rule_for(session.line.level).assembly_quorum_permille
    more_than = students * permille // 1000
    met = None if session.attendance is None else session.attendance * 1000 > students * permille
    return Quorum(students, more_than, met)


def session_context(session: Session, viewer: Any) -> dict[str, Any]:
    return {
        "quorum": quorum_of(session),
        "s": session,
        "line": session.line,
        "due": due_of(session.line),
        "steps": available_steps(session, viewer),
        "timeline": timeline_lines(session),
        "form_choices": _forms(),
        "reported": session.state in (SessionState.REPORTED, SessionState.CLOSED),
        "may_attach": can(viewer, "congress.run_session", session),
        **session_elections(session, viewer),
    }


def _forms() -> list[tuple[str, str]]:
    return [(v, str(label)) for v, label in CongressForm.choices]


def line_context(line: CongressLine, viewer: Any, sessions: Any) -> dict[str, Any]:
    current = selectors.open_session_of(line)
    return {
        "line": line,
        "due": due_of(line),
        "sessions": sessions,
        "current": current,
        "may_plan": current is None and can(viewer, "congress.plan_session", line),
        "may_enter_past": can(viewer, "congress.enter_past_session", line),
    }
