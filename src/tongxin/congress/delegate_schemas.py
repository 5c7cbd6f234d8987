from datetime import date, datetime

from ninja import Schema


class VersionIn(Schema):
    version: int


class PrepareIn(Schema):
    election_held: bool = True
    candidates: int | None = None


class AddIn(Schema):
    version: int
    number: str
    votes: int | None = None


class RemoveIn(Schema):
    version: int
    user: int


class ElectionIn(Schema):
    version: int
    election_held: bool
    candidates: int | None = None


class ObjectionIn(Schema):
    text: str = ""


class AnswerIn(Schema):
    version: int
    upheld: bool = False
    answer: str = ""


class DelegateListOut(Schema):
    id: int
    session_id: int
    session_number: int
    union: str
    union_id: int
    state: str
    state_label: str
    version: int
    seats: int | None
    election_held: bool
    candidates: int | None
    notice_workdays: int | None
    notice_started_at: datetime | None
    notice_ends_at: datetime | None
    notice_days_left: int | None
    confirmed_at: datetime | None
    term_start: date | None
    term_end: date | None


class DelegateListPage(Schema):
    items: list[DelegateListOut]
    page: int
    has_next: bool


class QuotaOut(Schema):
    unit_id: int
    unit: str
    students: int
    seats: int


class MemberOut(Schema):
    user_id: int
    name: str
    unit_id: int
    unit: str
    votes: int | None
    is_officer: bool | None


class MixRowOut(Schema):
    label: str
    delegates: int
    delegates_percent: float
    students: int
    students_percent: float


class CompositionOut(Schema):
    seats: int
    entered: int
    officers: int
    non_officer_percent: float
    blocking: list[str]
    warnings: list[str]
    mix: dict[str, list[MixRowOut]]


class ObjectionOut(Schema):
    id: int
    status: str
    status_label: str
    text: str
    answer: str
    created_at: datetime
    answered_at: datetime | None


class DelegateListDetailOut(DelegateListOut):
    members: list[MemberOut]
    quotas: list[QuotaOut]
    composition: CompositionOut | None
    objections: list[ObjectionOut]
    steps: list[str]
    can_object: bool


class ObjectionCreatedOut(Schema):
    id: int
    status: str


class ImportOut(Schema):
    imported: int


class DelegacyOut(Schema):
    list_id: int
    union: str
    session_number: int
    term_start: date | None
    term_end: date | None
    duties: list[str]


class SessionToPrepareOut(Schema):
    id: int
    union: str
    number: int
    delegate_seats: int | None
