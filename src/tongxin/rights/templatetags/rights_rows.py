"""The union queue's rows, drawn in one Python call each.

The queue shows twenty rows twice (cards on phones, the table from md up). Drawn through
the template language that was about 600 variable nodes a page and half its time (27 ms
with twenty rows against 13.5 ms with none, docs/performance.md "Issue 12 run, stop 22");
one format_html per row draws the same markup, escaped the same way, in a fraction of it.
"""

from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

from .rights_badges import issue_due, issue_status, issue_url

register = template.Library()
NONE = "—"


def _college(issue: Any) -> str:
    return (issue.college.name if issue.college_id else "") or NONE


def _assignee(issue: Any) -> str:
    return (issue.assignee.real_name if issue.assignee_id else "") or NONE


def _check(issue: Any, css: str) -> SafeString:
    return format_html(
        '<input class="{}" type="checkbox" name="issues" value="{}" aria-label="选择 #{} {}">',
        css,
        issue.pk,
        issue.pk,
        _parts(issue)["title"],
    )


def _parts(issue: Any) -> dict[str, Any]:
    """What the card and the row both show, escaped and drawn once per issue (the page
    draws each issue twice)."""
    parts: dict[str, Any] | None = getattr(issue, "_queue_parts", None)
    if parts is None:
        parts = issue._queue_parts = {
            "url": issue_url(issue.pk),
            "title": conditional_escape(issue.title),
            "status": issue_status(issue),
            "due": issue_due(issue),
            "category": conditional_escape(issue.category.name),
            "college": conditional_escape(_college(issue)),
            "assignee": conditional_escape(_assignee(issue)),
        }
    return parts


@register.simple_tag
def queue_card(issue: Any) -> SafeString:
    """One issue as a phone card."""
    p = _parts(issue)
    return format_html(
        '<li class="list-group-item d-flex gap-2 align-items-start">{}'
        '<div class="flex-grow-1 min-w-0">'
        '<a class="d-block" href="{}" data-testid="row-title">{}</a>'
        '<div class="small">{} {}</div>'
        '<div class="small text-muted">#{} · {} · {} · 附议 {} · 承办人 {}</div>'
        "</div></li>",
        _check(issue, "form-check-input mt-1 flex-shrink-0"),
        p["url"],
        p["title"],
        p["status"],
        p["due"],
        issue.pk,
        p["category"],
        p["college"],
        issue.supporters_count,
        p["assignee"],
    )


@register.simple_tag
def queue_row(issue: Any) -> SafeString:
    """One issue as a row of the desktop table (nine columns)."""
    p = _parts(issue)
    return format_html(
        "<tr><td>{}</td><td>{}</td>"
        '<td><a href="{}" data-testid="row-title">{}</a></td>'
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        _check(issue, "form-check-input"),
        issue.pk,
        p["url"],
        p["title"],
        p["status"],
        p["category"],
        p["college"],
        issue.supporters_count,
        p["due"],
        p["assignee"],
    )
