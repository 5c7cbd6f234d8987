"""Typed shapes of the congress sessions' JSON API (session_api.py)."""

from datetime import date, datetime

from ninja import Schema


class LineOut(Schema):
    id: int
    union_id: int
    union: str
    school_id: int
    level: str
    level_label: str
    supervisor_id: int
    supervisor: str
    form: str
    set_up_on: date
    held_before_tongxin_on: date | None
    last_held_on: date | None
    due_on: date
    overdue: bool
    version: int


class LinePage(Schema):
    items: list[LineOut]
    page: int
    has_next: bool


class SessionOut(Schema):
    id: int
    line_id: int
    union_id: int
    union: str
    number: int
    form: str
    state: str
    state_label: str
    version: int
    planned_start: date | None
    planned_end: date | None
    place: str
    delegate_seats: int | None
    applied_at: datetime | None
    held_start: date | None
    held_end: date | None
    attendance: int | None


class SessionPage(Schema):
    items: list[SessionOut]
    page: int
    has_next: bool


class TimelineOut(Schema):
    kind: str
    label: str
    actor: str
    text: str
    at: datetime


class SessionDetailOut(SessionOut):
    agenda: str
    decision_note: str
    work_report: str
    finance_report: str
    resolutions: str
    election_results: str
    steps: list[str]
    timeline: list[TimelineOut]


class LineDetailOut(LineOut):
    sessions: list[SessionOut]
    may_plan: bool
    may_enter_past: bool


class StepIn(Schema):
    """A step's input; each step reads the fields it needs (the page's form fields)."""

    version: int | None = None
    note: str = ""
    form: str = ""
    planned_start: date | None = None
    planned_end: date | None = None
    place: str = ""
    agenda: str = ""
    delegate_seats: int | None = None
    held_start: date | None = None
    held_end: date | None = None
    attendance: int | None = None
    work_report: str = ""
    finance_report: str = ""
    resolutions: str = ""
    election_results: str = ""


class PastIn(Schema):
    version: int
    held_on: date | None = None


class RuleOut(Schema):
    level: str
    level_label: str
    interval_months: int
    reminder_days: int
    assembly_max_students: int
    assembly_quorum_permille: int


class RuleIn(Schema):
    interval_months: int
    reminder_days: int
    assembly_max_students: int
    assembly_quorum_permille: int
