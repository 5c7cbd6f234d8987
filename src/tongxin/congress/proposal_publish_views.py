"""Pages of publishing and figures (公开与统计): the published proposal list, a session's
proposal book (PDF, Excel) and the statistics. 403 for a role that never opens the page,
404 for a session out of reach (missing alike)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode

from tongxin.core.authz import can
from tongxin.core.pagination import page_number, paginate
from tongxin.orgs.models import Node

from . import proposal_publish as pub
from .models import Session
from .proposal_book import book_pdf_of, book_title, book_xlsx_of
from .proposal_models import PUBLISHED_STATES, ProposalCategory, ProposalState

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def published_view(request: HttpRequest) -> HttpResponse:
    """提案公开: the published proposals of the reader's school(s), filtered and paged."""
    if not can(request.user, "congress.open_published_proposals"):
        raise PermissionDenied
    f = pub.list_filter(request.GET)
    rows = pub.filtered(pub.proposals_published_for(request.user), f)
    page = paginate(rows, page_number(request))
    sessions = pub.published_sessions_for(request.user)
    # The book of the session filtered on, else of the newest one (one rule check).
    shown = next((s for s in sessions if s.pk == f.session), sessions[0] if sessions else None)
    may_book = shown is not None and can(request.user, "congress.download_proposal_book", shown)
    book_sessions = [shown] if may_book else []
    context = {
        "page": page,
        "f": f,
        "sessions": sessions,
        "book_sessions": book_sessions,
        "offices": pub.published_offices_for(request.user),
        "categories": ProposalCategory.choices,
        "states": [(s, ProposalState(s).label) for s in PUBLISHED_STATES],
        "may_see_stats": can(request.user, "congress.view_proposal_stats"),
    }
    return render(request, "congress/proposals/published.html", context)


def _session(request: HttpRequest, pk: int) -> Session:
    try:
        return pub.book_session_for(actor=request.user, pk=pk)
    except Session.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def book_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    return HttpResponse(
        book_pdf_of(session),
        content_type="application/pdf",
        headers={
            "Content-Disposition": content_disposition_header(True, f"{book_title(session)}.pdf")
        },
    )


@login_required
def book_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    return HttpResponse(
        book_xlsx_of(session),
        content_type=XLSX,
        headers={
            "Content-Disposition": content_disposition_header(True, f"{book_title(session)}.xlsx")
        },
    )


def _cells(row: dict[str, Any]) -> list[int]:
    return [int(row[name]) for name in pub.FIGURE_NAMES]


NAME_KEYS = {
    "by_category": "label",
    "cities": "name",
    "unions": "union__name",
    "offices": "lead_office__name",
}


def _row(row: dict[str, Any], name: str) -> dict[str, Any]:
    cells = _cells(row)
    pairs = list(zip([pub.FIGURE_LABELS[n] for n in pub.FIGURE_NAMES], cells, strict=True))
    return {**row, "name": str(row[name]), "cells": cells, "pairs": pairs}


@login_required
def stats_view(request: HttpRequest) -> HttpResponse:
    """提案统计: the figures of the reader's reach (own union, school, city, province)."""
    if not can(request.user, "congress.view_proposal_stats"):
        raise PermissionDenied
    now = timezone.now()
    try:
        context = pub.stats_context(request.user, request.GET, page_number(request), now)
    except Node.DoesNotExist as exc:
        raise Http404 from exc
    context["headers"] = [pub.FIGURE_LABELS[name] for name in pub.FIGURE_NAMES]
    context["total_pairs"] = list(zip(context["headers"], _cells(context["totals"]), strict=True))
    for key, name in NAME_KEYS.items():
        context[key] = [_row(row, name) for row in context[key]]
    schools = context["schools"]
    schools.items = [_row(row, "school__name") for row in schools.items]
    context["query"] = urlencode({"year": context["year"] or ""})
    return render(request, "congress/proposals/stats.html", context)
