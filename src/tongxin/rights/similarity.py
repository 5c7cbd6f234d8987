"""Similar open issues while a student types a title (Chinese text similarity).

Titles are cut into character bigrams (Chinese has no spaces; bigrams are the usual
unit) plus whole ASCII words. An inverted index (IssueGram, indexed by school and gram)
finds candidates with one grouped query on SQLite and PostgreSQL alike, so the cost
follows the number of matching grams, not the size of the issue table.
"""

import re

from django.db.models import Count

from .models import OPEN_STATUSES, Issue, IssueGram

MIN_HITS = 2
OFFERED = 5
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_CJK = re.compile(r"[\u3400-\u9fff]+")


def grams(text: str) -> set[str]:
    text = text.lower()
    found = set(_ASCII_WORD.findall(text))
    for run in _CJK.findall(text):
        if len(run) == 1:
            found.add(run)
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return {g for g in found if len(g) <= 20}


def index_issue(issue: Issue) -> None:
    """Only issues whose writers agreed to publication are offered, so only they are indexed."""
    if not issue.publication_consent:
        return
    IssueGram.objects.bulk_create(
        [
            IssueGram(issue=issue, school_id=issue.school_id, gram=g)
            for g in sorted(grams(issue.title))
        ]
    )


def similar_open_issues(*, school_id: int, title: str, limit: int = OFFERED) -> list[Issue]:
    wanted = grams(title)
    if not wanted:
        return []
    needed = max(MIN_HITS, round(len(wanted) * 0.3))
    hits = (
        IssueGram.objects.filter(
            school_id=school_id, gram__in=wanted, issue__status__in=OPEN_STATUSES
        )
        .values("issue_id")
        .annotate(hits=Count("id"))
        .filter(hits__gte=needed)
        .order_by("-hits", "-issue_id")[:limit]
    )
    ids = [row["issue_id"] for row in hits]
    found = Issue.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
