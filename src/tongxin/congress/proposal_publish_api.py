"""Publishing and figures as JSON: the published list and the statistics (the same gates
and scopes as the pages, proposal_publish_views)."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from tongxin.core.authz import can
from tongxin.core.http import NOT_FOUND, Id, PageNumber
from tongxin.core.pagination import paginate
from tongxin.orgs.models import Node

from . import proposal_publish as pub
from .proposal_models import Proposal

router = Router(tags=["congress"])


class PublishedQuery(Schema):
    session: Id | None = None
    category: str = ""
    state: str = ""
    office: Id | None = None
    page: PageNumber = 1


class PublishedOut(Schema):
    id: int
    session_id: int
    union: str
    number: int | None
    title: str
    category: str
    category_label: str
    state: str
    state_label: str
    lead: str
    lead_office: str | None
    result_class: str
    result_class_label: str
    answer: str
    handled: bool
    ground: str
    ground_label: str
    forwarded_to: str | None
    merged_into_id: int | None
    merged_into_title: str | None


class PublishedPage(Schema):
    page: int
    has_next: bool
    items: list[PublishedOut]


def published_out(p: Proposal) -> dict[str, Any]:
    return {
        "id": p.pk,
        "session_id": p.session_id,
        "union": p.union.name,
        "number": p.number,
        "title": p.title,
        "category": p.category,
        "category_label": p.get_category_display(),
        "state": p.state,
        "state_label": p.get_state_display(),
        "lead": p.lead.real_name or p.lead.username,
        "lead_office": p.lead_office.name if p.lead_office is not None else None,
        "result_class": p.result_class,
        "result_class_label": p.get_result_class_display() if p.result_class else "",
        "answer": p.answer,
        "handled": p.handled,
        "ground": p.ground,
        "ground_label": p.get_ground_display() if p.ground else "",
        "forwarded_to": p.forwarded_to.name if p.forwarded_to is not None else None,
        "merged_into_id": p.merged_into_id,
        "merged_into_title": p.merged_into.title if p.merged_into is not None else None,
    }


@router.get("/published", response=PublishedPage)
def published(request: HttpRequest, q: Query[PublishedQuery]) -> Any:
    """The published proposals the caller reads (students: their school's), filtered."""
    if not can(request.user, "congress.open_published_proposals"):
        raise HttpError(403, "您没有查看提案公开的权限。")
    f = pub.list_filter(
        {
            "session": q.session or "",
            "category": q.category,
            "state": q.state,
            "office": q.office or "",
        }
    )
    found = paginate(pub.filtered(pub.proposals_published_for(request.user), f), q.page)
    return {
        "page": found.number,
        "has_next": found.has_next,
        "items": [published_out(p) for p in found.items],
    }


class StatsQuery(Schema):
    year: int | None = None
    school: Id | None = None
    page: PageNumber = 1


class FigureRow(Schema):
    name: str
    figures: dict[str, int]


class StatsOut(Schema):
    year: int | None
    years: list[int]
    labels: dict[str, str]
    totals: dict[str, int]
    by_category: list[FigureRow]
    by_city: list[FigureRow]
    by_school: list[FigureRow]
    by_school_has_next: bool
    by_union: list[FigureRow]
    by_office: list[FigureRow]


def _rows(rows: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [
        {"name": str(row[name]), "figures": {n: int(row[n]) for n in pub.FIGURE_NAMES}}
        for row in rows
    ]


@router.get("/stats", response=StatsOut)
def stats(request: HttpRequest, q: Query[StatsQuery]) -> Any:
    """The figures of the caller's reach for a year (default: the newest with proposals);
    `school` narrows to one school (and adds by union and by lead office)."""
    if not can(request.user, "congress.view_proposal_stats"):
        raise HttpError(403, "您没有查看提案统计的权限。")
    params = {"year": str(q.year or ""), "school": str(q.school or "")}
    now: datetime.datetime = timezone.now()
    try:
        c = pub.stats_context(request.user, params, q.page, now)
    except Node.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc
    return {
        "year": c["year"],
        "years": c["years"],
        "labels": pub.FIGURE_LABELS,
        "totals": c["totals"],
        "by_category": _rows(c["by_category"], "category"),
        "by_city": _rows(c["cities"], "name"),
        "by_school": _rows(c["schools"].items, "school__name"),
        "by_school_has_next": c["schools"].has_next,
        "by_union": _rows(c["unions"], "union__name"),
        "by_office": _rows(c["offices"], "lead_office__name"),
    }
