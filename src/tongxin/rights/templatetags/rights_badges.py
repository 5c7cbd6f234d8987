"""What every row of an issue list shows: its link, state and deadline badges, its time.

Lists render twenty rows, so each piece here is one cheap Python call: an included template
per badge (with `get_status_display` rebuilding the choices each time), a `{% url %}`
resolved per row and the localised `date` filter made up most of a list page's rendering
time. The formats are numeric (the same in every language).
"""

import datetime
from functools import lru_cache
from typing import Any

from django import template
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..models import Status

register = template.Library()
_PK = 987654321  # a marker no real issue number is compared against


@lru_cache(maxsize=8)
def _issue_url_pattern(script_prefix: str) -> str:
    return reverse("rights:issue-detail", kwargs={"pk": _PK}).replace(str(_PK), "{}")


@register.filter
def issue_url(pk: int) -> str:
    """The issue page's address: the route is reversed once, then filled in per row."""
    return _issue_url_pattern(get_script_prefix()).format(int(pk))


@register.filter(expects_localtime=True)
def minute(value: datetime.datetime | None) -> str:
    """2026-11-27 16:05 (local time)."""
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


@register.filter(expects_localtime=True)
def day_minute(value: datetime.datetime | None) -> str:
    """11-27 16:05 (local time), for timelines and deadlines within the year."""
    return value.strftime("%m-%d %H:%M") if value else ""


# The tone of each state (site.css "status badges"): new, being worked on, waiting for the
# student, done, stopped.
STATUS_TONE = {
    Status.SUBMITTED: "new",
    Status.ACCEPTED: "active",
    Status.IN_PROGRESS: "active",
    Status.REFERRED: "active",
    Status.ANSWERED: "waiting",
    Status.FED_BACK: "waiting",
    Status.CLOSED: "done",
    Status.NOT_HANDLED: "stopped",
    Status.MERGED: "stopped",
    Status.WITHDRAWN: "stopped",
}


@register.filter
def status_tone(status: str) -> str:
    """The badge tone of an issue status, for templates that draw the badge themselves."""
    return STATUS_TONE[Status(status)]


@register.simple_tag
def issue_status(issue: Any) -> SafeString:
    badge = format_html(
        '<span class="badge status-badge status-{} status-{}" data-testid="status">{}</span>',
        STATUS_TONE[issue.status],
        issue.status,
        Status(issue.status).label,
    )
    if issue.is_urgent:
        return format_html('{} <span class="badge text-bg-danger">{}</span>', badge, "紧急")
    return badge


@register.simple_tag
def issue_due(issue: Any) -> SafeString:
    """The running clock's deadline (red once passed) and the escalation level from 2 on."""
    due = SafeString("")
    if issue.due_at:
        overdue = issue.due_at < timezone.now()
        due = format_html(
            '<span class="small {}" data-testid="due">{}时限 {}</span>',
            "text-danger fw-bold" if overdue else "text-muted",
            "已逾期 · " if overdue else "",
            timezone.localtime(issue.due_at).strftime("%m-%d %H:%M"),
        )
    if issue.escalation_level > 1:
        return format_html(
            '{} <span class="badge text-bg-warning">督办 {}</span>', due, issue.escalation_level
        )
    return due
