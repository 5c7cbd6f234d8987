from datetime import datetime

from ninja import Schema


class RecommendIn(Schema):
    number: str
    union: int
    position: str
    department: int | None = None
    recommendation: str = ""


class StepIn(Schema):
    version: int | None = None
    text: str = ""
    objection: int | None = None
    outcome: str = ""
    answer: str = ""


class ObjectionIn(Schema):
    text: str = ""


class CandidacyOut(Schema):
    id: int
    candidate: str
    college: str
    union: str
    union_id: int
    position: str
    position_label: str
    department: str | None
    is_presidium: bool
    state: str
    state_label: str
    version: int
    notice_workdays: int | None
    notice_started_at: datetime | None
    notice_ends_at: datetime | None
    notice_days_left: int | None
    created_at: datetime


class CheckOut(Schema):
    rule: str
    passed: bool
    text: str


class EventOut(Schema):
    kind: str
    label: str
    actor: str
    text: str
    at: datetime


class ObjectionOut(Schema):
    id: int
    status: str
    status_label: str
    text: str
    answer: str
    created_at: datetime


class CandidacyDetailOut(CandidacyOut):
    recommendation: str
    closing_reason: str
    shows_figures: bool
    eligibility: list[CheckOut]
    timeline: list[EventOut]
    steps: list[str]
    objections: list[ObjectionOut]


class CandidacyPage(Schema):
    items: list[CandidacyOut]
    page: int
    has_next: bool


class NoticeOut(Schema):
    """What the public notice shows: no number, grades, phone or political status."""

    id: int
    candidate: str
    college: str
    union: str
    position_label: str
    department: str | None
    state: str
    notice_ends_at: datetime | None
    can_object: bool


class NoticePage(Schema):
    items: list[NoticeOut]
    page: int
    has_next: bool


class ObjectionCreatedOut(Schema):
    id: int
    status: str
