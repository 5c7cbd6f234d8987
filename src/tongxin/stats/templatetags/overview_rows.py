"""The province overview's rows, drawn in one Python call each (as the union queue's are:
rights/templatetags/rights_rows.py). Twenty schools drawn twice (cards on phones, the
table from md up) through the template language were about a third of the page's time."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

register = template.Library()


def _place(school: Any) -> str:
    """Its city, and its county when it lies under one (orgs/_school_place.html)."""
    county = f" · {school.parent.name}" if school.parent.kind == "county" else ""
    return f"{school.city_name}{county}"


def _parts(row: Any, query: str) -> dict[str, Any]:
    parts: dict[str, Any] | None = getattr(row, "_overview_parts", None)
    if parts is None:
        school = row.school
        parts = {
            "url": f"{reverse('stats:school-detail', args=[school.pk])}?{query}",
            "name": conditional_escape(school.name),
            "code": conditional_escape(school.code),
            "place": conditional_escape(_place(school)),
        }
        object.__setattr__(row, "_overview_parts", parts)  # the row is a frozen dataclass
    return parts


@register.simple_tag
def overview_card(row: Any, query: str) -> SafeString:
    p = _parts(row, query)
    return format_html(
        '<li class="list-group-item small">'
        '<a class="d-block fw-semibold" href="{}" data-testid="row-title">{} '
        '<span class="text-muted fw-normal">{}</span></a>'
        "<div>收到 {} · 答复 {} · 按时率 {} · 满意率 {}</div>"
        '<div class="text-muted">{} · 首次回复（中位）{} · 答复（中位）{}</div></li>',
        p["url"],
        p["name"],
        p["code"],
        row.received,
        row.answered,
        row.on_time,
        row.satisfaction,
        p["place"],
        row.first_reply,
        row.answer,
    )


@register.simple_tag
def overview_row(row: Any, query: str) -> SafeString:
    p = _parts(row, query)
    return format_html(
        '<tr><td data-testid="row-title"><a href="{}">{}</a> <span class="text-muted">{}</span>'
        '</td><td class="d-none d-md-table-cell">{}</td>'
        '<td class="text-end">{}</td><td class="text-end">{}</td>'
        '<td class="text-end" title="{}/{}">{}</td><td class="text-end" title="{}/{}">{}</td>'
        '<td class="text-end d-none d-md-table-cell">{}</td>'
        '<td class="text-end d-none d-md-table-cell">{}</td></tr>',
        p["url"],
        p["name"],
        p["code"],
        p["place"],
        row.received,
        row.answered,
        row.on_time.numerator,
        row.on_time.denominator,
        row.on_time,
        row.satisfaction.numerator,
        row.satisfaction.denominator,
        row.satisfaction,
        row.first_reply,
        row.answer,
    )
