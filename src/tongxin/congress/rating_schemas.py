"""The rating's JSON shapes (rating_api.py)."""

import datetime

from ninja import Schema


class RatingIn(Schema):
    year: int
    grade: str
    notes: str = ""
    # The rating's version the caller read; 0 when the union was not rated that year.
    version: int


class RatingOut(Schema):
    grade: str
    grade_label: str
    notes: str
    rated_by: str
    rated_at: datetime.datetime
    version: int


class RatingRowOut(Schema):
    union_id: int
    union: str
    level: str
    level_label: str
    school_id: int
    school: str
    school_code: str
    city: str
    year: int
    applied: bool
    approved: bool
    held: bool
    reported: bool
    on_schedule: bool
    last_held_on: datetime.date | None
    due_on: datetime.date | None
    rating: RatingOut | None
    # What the next rating must send as `version` (the rating's, 0 when none).
    version: int
    may_rate: bool


class RatingPage(Schema):
    year: int
    items: list[RatingRowOut]
    page: int
    has_next: bool
