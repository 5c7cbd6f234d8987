"""The heat map's table rows, drawn in one Python call (as the overview's are:
stats/templatetags/overview_rows.py): 140 schools × 11 indicators through the template
language cost about 85 ms of CPU a page; the same rows drawn here cost a few."""

from functools import lru_cache

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..heatmap_selectors import Cell, Heatmap

register = template.Library()


@lru_cache(maxsize=4096)
def _cell(cell: Cell) -> str:
    """One cell's markup (a few dozen distinct cells on a page: remembered)."""
    percent = cell.percent
    if percent is None:
        tone, text = "text-muted", "—"
    else:
        text = f"{percent}%"
        tone = (
            "bg-success-subtle"
            if cell.passes
            else ("bg-warning-subtle" if percent >= 50 else "bg-danger-subtle")
        )
    title = f"{cell.passed}/{cell.unions} 个学生会达标，{cell.judged} 个有结论"
    return f'<td class="text-center {tone}" title="{title}" data-testid="cell">{text}</td>'


@register.simple_tag
def heatmap_rows(heatmap: Heatmap) -> SafeString:
    if heatmap.rows_html is None:
        heatmap.rows_html = _draw(heatmap)
    return mark_safe(heatmap.rows_html)  # every value in it is escaped or our own


def _draw(heatmap: Heatmap) -> str:
    school_url = reverse("reform:school", args=[1]).removesuffix("1/")
    year = heatmap.filters.year
    lines = []
    for row in heatmap.rows:
        school = row.school
        place = " · ".join(p for p in (row.city, row.county, school.get_school_type_display()) if p)
        cells = "".join(_cell(c) for c in row.cells)
        lines.append(
            f'<tr data-testid="heatmap-row" data-school="{school.pk}"><th scope="row">'
            f'<a href="{school_url}{school.pk}/?year={year}" data-testid="school-link">'
            f"{escape(school.name)}</a> "
            f'<span class="text-muted">{escape(school.code)}</span></th>'
            f'<td class="text-muted d-none d-md-table-cell">{escape(place)}</td>{cells}</tr>'
        )
    return "".join(lines)
