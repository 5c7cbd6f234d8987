"""Chinese title similarity, shared by every desk that offers "similar items" while a title
is typed (the rights desk's issues, the congress's proposals).

Titles are cut into character bigrams (Chinese has no spaces; bigrams are the usual
unit) plus whole ASCII words. Each app keeps an inverted index (a gram table indexed by
its scope and the gram) and asks `best_matches` for the items with the most grams in
common: one grouped query on SQLite and PostgreSQL alike, so the cost follows the number
of matching grams, not the size of the item table.
"""

import re
from typing import Any

from django.db.models import Count, QuerySet

MIN_HITS = 2
OFFERED = 5
MAX_GRAM = 20  # the gram tables' column width
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_CJK = re.compile(r"[\u3400-\u9fff]+")


def grams(text: str) -> set[str]:
    text = text.lower()
    found = set(_ASCII_WORD.findall(text))
    for run in _CJK.findall(text):
        if len(run) == 1:
            found.add(run)
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return {g for g in found if len(g) <= MAX_GRAM}


def needed_hits(wanted: set[str]) -> int:
    """How many grams an item must share with the typed title to be offered."""
    return max(MIN_HITS, round(len(wanted) * 0.3))


def best_matches(rows: "QuerySet[Any]", item_field: str, wanted: set[str], limit: int) -> list[int]:
    """The ids (`item_field`) of the gram rows' items sharing the most of `wanted`, best
    first; `rows` is the gram table already narrowed to the scope (school, session …)."""
    if not wanted:
        return []
    hits = (
        rows.filter(gram__in=wanted)
        .values(item_field)
        .annotate(hits=Count("id"))
        .filter(hits__gte=needed_hits(wanted))
        .order_by("-hits", f"-{item_field}")[:limit]
    )
    return [row[item_field] for row in hits]
