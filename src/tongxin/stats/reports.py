"""The weekly report (权益周报): its figures as stored, and what each audience reads.

The figures are computed once, from the rollups of the week (Monday to Sunday, local) and
the clocks still overdue at the end of the week, and stored as JSON. Overdue items carry
an issue's title and state only — never its writer — and the federation's view keeps
only the items escalated to the city.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from tongxin.orgs.models import Node
from tongxin.rights.models import Clock, IssueClock, Status

from .figures import CLOCK_LABELS, Figures, Median, Rate
from .models import WeeklyReport
from .periods import local_midnight, week_period
from .selectors import category_rows, day_series, figures_for

OVERDUE_LIMIT = 50
TOP_CATEGORIES = 5


def _overdue_rows(school: Node, until: datetime.datetime, escalated: bool) -> Any:
    rows = IssueClock.objects.filter(school=school, stopped_at__isnull=True, due_at__lt=until)
    if escalated:
        rows = rows.filter(issue__escalated_to_city=True)
    return rows


def overdue_items(school: Node, until: datetime.datetime, *, escalated: bool) -> dict[str, Any]:
    """Clocks still open past due at `until`: titles and states only, never the writer."""
    rows = _overdue_rows(school, until, escalated)
    items = [
        {
            "issue_id": row["issue_id"],
            "title": row["issue__title"],
            "status": str(Status(row["issue__status"]).label),
            "clock": CLOCK_LABELS.get(row["clock"], str(Clock(row["clock"]).label)),
            "due": row["due_at"].astimezone(until.tzinfo).strftime("%Y-%m-%d"),
            "escalated_to_city": row["issue__escalated_to_city"],
        }
        for row in rows.order_by("due_at", "id").values(
            "issue_id",
            "issue__title",
            "issue__status",
            "issue__escalated_to_city",
            "clock",
            "due_at",
        )[:OVERDUE_LIMIT]
    ]
    return {"total": rows.count(), "items": items}


def weekly_figures(school: Node, week_start: datetime.date) -> dict[str, Any]:
    """The figures of one school's week, ready to store as JSON."""
    period = week_period(week_start)
    ids = [school.pk]
    figures = figures_for(ids, period)
    until = local_midnight(period.end + datetime.timedelta(days=1))
    return {
        "school": school.name,
        "school_code": school.code,
        "week_start": period.start.isoformat(),
        "week_end": period.end.isoformat(),
        "counts": figures.counts,
        "first_reply_hours": figures.first_reply.hours,
        "answer_hours": figures.answer.hours,
        "top_categories": [
            [row.name, row.figures.counts["received"]]
            for row in category_rows(ids, period)[:TOP_CATEGORIES]
            if row.figures.counts["received"]
        ],
        "days": [[p.label, p.received, p.answered, p.closed] for p in day_series(ids, period)],
        "overdue": overdue_items(school, until, escalated=False),
        "escalated": overdue_items(school, until, escalated=True),
    }


@dataclass(frozen=True)
class WeeklyView:
    """One audience's reading of a stored report: `full` for the school's union officers
    and advisor; otherwise (the federation) the aggregate figures and the escalated items."""

    report: WeeklyReport
    full: bool

    @property
    def data(self) -> dict[str, Any]:
        return self.report.figures

    @property
    def title(self) -> str:
        return (
            f"{self.data['school']}权益周报（{self.data['week_start']} 至 {self.data['week_end']}）"
        )

    @property
    def figures(self) -> Figures:
        return Figures(
            counts=self.data["counts"],
            first_reply=Median(self.data.get("first_reply_hours")),
            answer=Median(self.data.get("answer_hours")),
        )

    @property
    def received(self) -> int:
        return int(self.data["counts"]["received"])

    @property
    def answered(self) -> int:
        return int(self.data["counts"]["answered"])

    @property
    def on_time(self) -> Rate:
        return self.figures.on_time

    @property
    def satisfaction(self) -> Rate:
        return self.figures.satisfaction

    @property
    def overdue_heading(self) -> str:
        return "逾期事项" if self.full else "督办至市学联的逾期事项"

    @property
    def overdue(self) -> dict[str, Any]:
        return self.data["overdue"] if self.full else self.data["escalated"]

    def summary(self) -> str:
        return (
            f"收到 {self.received} 件，答复 {self.answered} 件，按时率 {self.on_time}，"
            f"满意率 {self.satisfaction}；{self.overdue_heading} {self.overdue['total']} 件。"
        )

    def chart_data(self) -> dict[str, Any]:
        return {
            "days": self.data["days"],
            "categories": self.data["top_categories"],
        }
