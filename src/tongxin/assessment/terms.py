"""Terms (学期) as the staff app writes them: "2025-2026-1" is the first term of the academic
year that starts in September 2025; the second term starts in February."""

import datetime
import re

from tongxin.staff.calendar import academic_year_of

TERM_RE = re.compile(r"^(\d{4})-(\d{4})-([12])$")


def current_term(day: datetime.date) -> str:
    year = academic_year_of(day)
    semester = 1 if day.month >= 9 or day.month == 1 else 2
    return f"{year}-{year + 1}-{semester}"


def is_valid_term(term: str) -> bool:
    match = TERM_RE.match(term)
    return bool(match) and int(match.group(2)) == int(match.group(1)) + 1  # type: ignore[union-attr]


def academic_year_of_term(term: str) -> int:
    return int(term[:4])


def term_choices(day: datetime.date) -> list[tuple[str, str]]:
    """The current term, the one before and the one after."""
    year = academic_year_of(day)
    terms = [f"{y}-{y + 1}-{s}" for y in (year - 1, year, year + 1) for s in (1, 2)]
    now = terms.index(current_term(day))
    return [(t, term_label(t)) for t in terms[max(0, now - 1) : now + 2]]


def term_label(term: str) -> str:
    match = TERM_RE.match(term)
    if not match:
        return term
    first, second, semester = match.groups()
    return f"{first}-{second} 学年第{'一' if semester == '1' else '二'}学期"
