"""Keyset-free, count-free pagination: fetch one row more than a page to know if there is a
next one, so a page costs the same on a table of a thousand rows or two million.

Hostile page numbers never reach the database: a missing, non-numeric, zero or negative
number means the first page; one above MAX_PAGE, or a page past the end of the list,
answers 404 — so the pager stops at the list's end and OFFSET always fits in 64 bits.
"""

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

T = TypeVar("T")
PAGE_SIZE = 20
# 20 million rows at 20 a page: beyond any list a person pages through.
MAX_PAGE = 1_000_000
# The largest id a 64-bit primary key (BigAutoField) can hold.
MAX_ID = 2**63 - 1


@dataclass
class Page(Generic[T]):
    items: list[T]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


class NoSuchPage(Http404):
    pass


def parse_page(raw: str | None) -> int:
    """The page number a query string asks for: 1 unless it is a positive integer."""
    raw = (raw or "").strip()
    if not raw.isascii() or not raw.isdigit():  # '-1', 'abc', '１' (full-width)
        return 1
    if len(raw) > len(str(MAX_PAGE)) or int(raw) > MAX_PAGE:
        raise NoSuchPage("没有这一页。")
    return max(1, int(raw))


def page_number(request: HttpRequest) -> int:
    return parse_page(request.GET.get("page"))


def paginate(qs: QuerySet[Any], number: int, size: int = PAGE_SIZE) -> Page[Any]:
    """Page `number` (from 1) of `qs`; 404 past the end or beyond MAX_PAGE, so no API
    caller or typed URL can ask the database for an offset it cannot represent."""
    number = max(1, number)
    if number > MAX_PAGE:
        raise NoSuchPage("没有这一页。")
    offset = (number - 1) * size
    rows = list(qs[offset : offset + size + 1])
    if number > 1 and not rows:
        raise NoSuchPage("没有这一页。")
    return Page(items=rows[:size], number=number, has_next=len(rows) > size)
