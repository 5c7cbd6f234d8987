from datetime import datetime

from ninja import Schema


class SubmitIn(Schema):
    category: int
    title: str
    description: str
    place: str = ""
    anonymous: bool = False
    publication_consent: bool = False


class ActionIn(Schema):
    version: int | None = None
    reply: str = ""
    reason: str = ""
    explanation: str = ""
    into: int | None = None
    lead_office: int | None = None
    co_offices: list[int] = []
    note: str = ""
    text: str = ""
    rating: str = ""
    assignee: int | None = None
    office: int | None = None


class EventOut(Schema):
    kind: str
    label: str
    actor: str
    text: str
    at: datetime


class IssueOut(Schema):
    id: int
    title: str
    description: str
    category: str
    status: str
    status_label: str
    version: int
    writer: str
    is_anonymous: bool
    due_at: datetime | None
    supporters: int
    answer: str
    feedback: str
    rating: str
    created_at: datetime


class IssueDetailOut(IssueOut):
    timeline: list[EventOut]
    actions: list[str]


class IssuePage(Schema):
    items: list[IssueOut]
    next_before: int | None
