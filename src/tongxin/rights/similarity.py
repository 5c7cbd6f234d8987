"""Similar open issues while a student types a title (Chinese text similarity: the
bigrams and the ranking live in tongxin.core.similarity, shared with the congress).

Titles are cut into character bigrams (Chinese has no spaces; bigrams are the usual
unit) plus whole ASCII words. An inverted index (IssueGram, indexed by school and gram)
finds candidates with one grouped query on SQLite and PostgreSQL alike, so the cost
follows the number of matching grams, not the size of the issue table.
"""

from tongxin.core.similarity import OFFERED, best_matches, grams

from .models import OPEN_STATUSES, Issue, IssueGram

__all__ = ["OFFERED", "grams", "index_issue", "similar_open_issues"]


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
    rows = IssueGram.objects.filter(school_id=school_id, issue__status__in=OPEN_STATUSES)
    ids = best_matches(rows, "issue_id", grams(title), limit)
    found = Issue.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
