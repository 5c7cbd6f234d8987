import datetime
from decimal import Decimal

from ninja import Schema


class AssessmentTodoOut(Schema):
    rated_id: int
    officer_name: str
    position: str
    union: str
    round_id: int
    term: str
    deadline: datetime.date
    report: str
    rated_by_me: bool


class AssessmentTodoPage(Schema):
    items: list[AssessmentTodoOut]
    page: int
    has_next: bool


class AssessmentRatingIn(Schema):
    rated: int
    politics: int
    morals: int
    study: int
    work: int
    discipline: int


class AssessmentRatingOut(Schema):
    rated_id: int
    round_id: int
    politics: int
    morals: int
    study: int
    work: int
    discipline: int


class AssessmentLineOut(Schema):
    key: str
    label: str
    weight: int
    score: float
    count: int | None = None


class AssessmentMineOut(Schema):
    rated_id: int
    round_id: int
    union: str
    term: str
    status: str
    status_label: str
    deadline: datetime.date
    report: str
    published: bool
    score: Decimal | None = None
    level: str = ""
    level_label: str = ""
    dimensions: list[AssessmentLineOut] = []
    groups: list[AssessmentLineOut] = []


class AssessmentMinePage(Schema):
    items: list[AssessmentMineOut]
    page: int
    has_next: bool
