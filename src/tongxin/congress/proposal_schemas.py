"""The proposal's JSON shapes shared by every proposals part (each part adds its own)."""

from datetime import datetime
from typing import Any

from ninja import Schema
from pydantic import BaseModel, ConfigDict


class ProposalOut(Schema):
    id: int
    session_id: int
    school_id: int
    union_id: int
    number: int | None
    state: str
    state_label: str
    title: str
    category: str
    category_label: str
    lead_id: int
    lead: str
    version: int
    submitted_at: datetime | None
    result_class: str
    handled: bool


class SignerOut(Schema):
    user_id: int
    name: str
    role: str
    status: str


class RatingOut(Schema):
    user_id: int
    name: str
    is_lead: bool
    round: int
    rating: str
    reason: str


class InputOut(Schema):
    office_id: int
    office: str
    text: str
    at: datetime


class TimelineOut(Schema):
    kind: str
    label: str
    actor: str
    text: str
    at: datetime


class ProposalDetailOut(ProposalOut):
    background: str
    analysis: str
    suggestion: str
    ground: str
    decision_note: str
    merged_into_id: int | None
    forwarded_to_id: int | None
    lead_office_id: int | None
    co_office_ids: list[int]
    deadline_kind: str
    reply_due_at: datetime | None
    answer: str
    rating: str
    signers: list[SignerOut]
    ratings: list[RatingOut]
    inputs: list[InputOut]
    steps: list[str]
    timeline: list[TimelineOut]


class StepIn(BaseModel):
    """A step's input: the fields of the page's form for that step (each step's form
    parses what it needs; unknown fields are ignored). A plain pydantic model: ninja's
    Schema reads declared fields only and would drop the step's own fields."""

    model_config = ConfigDict(extra="allow")

    version: int | None = None

    def fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump().items() if v is not None}
