"""Publishing and figures of the proposals (公开与统计): the published list of a school's
proposals, the statistics per union / school / city / province, both scoped in the database.

    proposals_published_for(actor)      the published proposals congress.view_proposal lets
                                        the actor read (one filter, no per-row rule)
    stats_scope_for(actor)              the proposals whose figures the actor reads
    figures(qs) / figures_by(qs, field) the counts, in one aggregate query each

A proposal is *collected* once submitted (any state but draft and withdrawn), *handled*
(已办理) once its lead office replied with a class (handled_at), *rated* once its lead
proposer's rating is given, *satisfied* when that rating is 满意 or 基本满意, *overdue* while an
office owes the reply (referred, further) past its due time.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from tongxin.accounts.models import Role
from tongxin.accounts.reach import node_scope
from tongxin.accounts.roles import STUDENT_ROLES, node_ids_where, school_ids_where
from tongxin.core.pagination import paginate
from tongxin.orgs.models import Node, NodeKind
from tongxin.workflow.referral.models import Rating
from tongxin.workflow.referral.selectors import referred_q

from .models import Committee, CommitteeMember, Session
from .proposal_models import (
    ACCEPTED_STATES,
    PUBLISHED_STATES,
    Proposal,
    ProposalCategory,
    ProposalSigner,
    ProposalState,
    ResultClass,
    SignerStatus,
)

P = ProposalState
# Whose figures a role reads: the federation over its subtree, the advisor their school.
STATS_REACH_ROLES = (
    Role.ADVISOR,
    Role.FEDERATION_STAFF,
    Role.FEDERATION_ADMIN,
    Role.COUNTY_SPECIALIST,
)
COLLECTED_STATES = [s for s in P.values if s not in (P.DRAFT, P.WITHDRAWN)]
# While an office owes the reply (the reply clock runs: proposal_machine.running_clock).
OWED_STATES = [P.REFERRED, P.FURTHER]


# ---------------------------------------------------------------- the published list


def _committee_sessions(actor: Any) -> Q:
    chaired = Committee.objects.filter(chair_id=actor.pk).values("session_id")
    member = CommitteeMember.objects.filter(user_id=actor.pk, active=True).values(
        "committee__session_id"
    )
    return Q(session_id__in=chaired) | Q(session_id__in=member)


def readable_q(actor: Any) -> Q:
    """congress.view_proposal as a filter on Proposal (rules.py, "who reads a proposal")."""
    if not actor.is_authenticated:
        return Q(pk__in=[])
    signed = ProposalSigner.objects.filter(
        user_id=actor.pk, status__in=[SignerStatus.CONFIRMED, SignerStatus.INVITED]
    ).values("proposal_id")
    scope = Q(lead_id=actor.pk) | Q(pk__in=signed) | _committee_sessions(actor)
    officer_at = node_ids_where(actor, Role.OFFICER)
    if officer_at:
        scope |= Q(union_id__in=officer_at)
    if node_ids_where(actor, Role.ADVISOR):
        advised = Node.objects.filter(node_scope(actor, roles=[Role.ADVISOR]))
        scope |= Q(school_id__in=advised.values("pk"))
    referred = referred_q(Proposal, actor)
    if referred is not None:
        scope |= referred
    handler_at = node_ids_where(actor, Role.OFFICE_HANDLER)
    if handler_at:
        scope |= Q(forwarded_to_id__in=handler_at)
    return scope


def published_q(actor: Any) -> Q:
    """The published proposals the actor reads: the school's students see every one."""
    scope = readable_q(actor)
    schools = school_ids_where(actor, *STUDENT_ROLES)
    if schools:
        scope |= Q(school_id__in=schools)
    return Q(state__in=PUBLISHED_STATES) & scope


def proposals_published_for(actor: Any) -> QuerySet[Proposal]:
    """Every published proposal (PUBLISHED_STATES) congress.view_proposal lets `actor`
    read, newest session first, then by number."""
    return (
        Proposal.objects.filter(published_q(actor))
        .select_related("session", "union", "lead", "lead_office", "merged_into", "forwarded_to")
        .order_by("-session_id", "number", "id")
    )


@dataclass(frozen=True)
class ListFilter:
    session: int | None = None
    category: str = ""
    state: str = ""
    office: int | None = None


def _int(raw: Any) -> int | None:
    raw = str(raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 18 else None


def list_filter(params: Any) -> ListFilter:
    """The filter a query string asks for; a value out of its choices is ignored."""
    category = params.get("category", "")
    state = params.get("state", "")
    return ListFilter(
        session=_int(params.get("session")),
        category=category if category in ProposalCategory.values else "",
        state=state if state in PUBLISHED_STATES else "",
        office=_int(params.get("office")),
    )


def filtered(qs: QuerySet[Proposal], f: ListFilter) -> QuerySet[Proposal]:
    if f.session:
        qs = qs.filter(session_id=f.session)
    if f.category:
        qs = qs.filter(category=f.category)
    if f.state:
        qs = qs.filter(state=f.state)
    if f.office:
        qs = qs.filter(lead_office_id=f.office)
    return qs


def published_sessions_for(actor: Any) -> list[Session]:
    """The sessions of the actor's published proposals (the filter's choices), newest first."""
    ids = proposals_published_for(actor).order_by().values("session_id").distinct()
    return list(Session.objects.filter(pk__in=ids).select_related("union").order_by("-pk")[:50])


def published_offices_for(actor: Any) -> list[Node]:
    ids = (
        proposals_published_for(actor)
        .order_by()
        .filter(lead_office_id__isnull=False)
        .values("lead_office_id")
        .distinct()
    )
    return list(Node.objects.filter(pk__in=ids).order_by("name")[:100])


def book_proposals(session: Session) -> QuerySet[Proposal]:
    """Every published proposal of a session, by number, with what the book prints."""
    return (
        Proposal.objects.filter(session=session, state__in=PUBLISHED_STATES)
        .select_related("lead", "lead_office", "merged_into", "forwarded_to", "union")
        .prefetch_related("co_offices", "signers__user", "ratings__user", "inputs__office")
        .order_by("number", "id")
    )


# ---------------------------------------------------------------- statistics


def stats_scope_for(actor: Any) -> QuerySet[Proposal]:
    """The proposals whose figures the actor reads: an officer their own union's, the
    advisor their school's, a city federation its schools', the province all."""
    scope = Q(pk__in=[])
    officer_at = node_ids_where(
        actor,
        Role.OFFICER,
        node_kinds={NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION, NodeKind.COLLEGE_UNION},
    )
    if officer_at:
        scope |= Q(union_id__in=officer_at)
    if node_ids_where(actor, *STATS_REACH_ROLES):
        schools = Node.objects.filter(
            node_scope(actor, roles=STATS_REACH_ROLES), kind=NodeKind.SCHOOL
        )
        scope |= Q(school_id__in=schools.values("pk"))
    return Proposal.objects.filter(scope)


def in_year(qs: QuerySet[Proposal], year: int | None) -> QuerySet[Proposal]:
    """The proposals of sessions held (or, not yet held, planned) in `year`."""
    if year is None:
        return qs
    return qs.filter(
        Q(session__held_start__year=year)
        | Q(session__held_start__isnull=True, session__planned_start__year=year)
    )


# name, label, filter (None: every row of the scope)
FIGURES: list[tuple[str, Any, Q]] = [
    ("collected", "收集", Q(state__in=COLLECTED_STATES)),
    ("accepted", "立案", Q(state__in=ACCEPTED_STATES)),
    ("not_accepted", "不予立案", Q(state=P.NOT_ACCEPTED)),
    ("merged", "并案", Q(state=P.MERGED)),
    ("handled", "已办理", Q(handled_at__isnull=False)),
    *[(f"class_{c.value}", c.label, Q(result_class=c.value)) for c in ResultClass],
    (
        "rated",
        "已评价",
        Q(rating__in=[Rating.SATISFIED, Rating.BASICALLY, Rating.DISSATISFIED]),
    ),
    ("satisfied", "满意", Q(rating__in=[Rating.SATISFIED, Rating.BASICALLY])),
]
OVERDUE = ("overdue", "超期未答复")
FIGURE_NAMES = [name for name, _label, _q in FIGURES] + [OVERDUE[0]]
FIGURE_LABELS = {name: str(label) for name, label, _q in FIGURES} | {OVERDUE[0]: OVERDUE[1]}


def _aggregates(now: datetime.datetime) -> dict[str, Count]:
    counts = {name: Count("pk", filter=q) for name, _label, q in FIGURES}
    counts[OVERDUE[0]] = Count("pk", filter=Q(state__in=OWED_STATES, reply_due_at__lt=now))
    return counts


def figures(qs: QuerySet[Proposal], now: datetime.datetime | None = None) -> dict[str, int]:
    """The counts of the proposals of `qs`, in one query."""
    row = qs.order_by().aggregate(**_aggregates(now or timezone.now()))
    return {name: int(row[name] or 0) for name in FIGURE_NAMES}


def figures_by(
    qs: QuerySet[Proposal], *fields: str, now: datetime.datetime | None = None
) -> QuerySet[Any]:
    """The counts grouped by `fields` (values rows), in one query: by category, by lead
    office, by school; only groups with something collected or referred."""
    return (
        qs.order_by()
        .values(*fields)
        .annotate(**_aggregates(now or timezone.now()))
        .filter(collected__gt=0)
        .order_by(*fields)
    )


def stats_years_for(actor: Any) -> list[int]:
    """The years of the sessions with proposals in the actor's scope, newest first (one
    query: the distinct years)."""
    sessions = stats_scope_for(actor).order_by().values("session_id")
    years = (
        Session.objects.filter(pk__in=sessions)
        .annotate(year=Coalesce(ExtractYear("held_start"), ExtractYear("planned_start")))
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted({y for y in years if y is not None}, reverse=True)


def book_session_for(*, actor: Any, pk: int) -> Session:
    """The session whose proposal book the actor may download; DoesNotExist otherwise."""
    from tongxin.core.authz import can

    session = Session.objects.select_related("union", "school").get(pk=pk)
    if not can(actor, "congress.download_proposal_book", session):
        raise Session.DoesNotExist
    return session


# ---------------------------------------------------------------- the statistics page


def parse_stats_year(raw: str | None, years: list[int]) -> int | None:
    """The year asked for when it is one with proposals; else the newest such year (None:
    no proposals at all in reach)."""
    raw = (raw or "").strip()
    if raw.isascii() and raw.isdigit() and len(raw) == 4 and int(raw) in years:
        return int(raw)
    return years[0] if years else None


def stats_context(actor: Any, params: Any, page: int, now: datetime.datetime) -> dict[str, Any]:
    """Everything the statistics page and its API show: the figures of the scope, by
    category, by city (a scope over several cities), by school (paged), and, for one
    school, by union and by lead office."""
    years = stats_years_for(actor)
    year = parse_stats_year(params.get("year"), years)
    scope = in_year(stats_scope_for(actor), year)
    school = None
    school_id = _int(params.get("school"))
    if school_id:
        school = Node.objects.filter(pk=school_id, kind=NodeKind.SCHOOL).first()
        if school is None or not scope.filter(school_id=school_id).exists():
            raise Node.DoesNotExist
        scope = scope.filter(school_id=school_id)
    totals = figures(scope, now)
    by_category = [
        {**row, "label": ProposalCategory(row["category"]).label}
        for row in figures_by(scope, "category", now=now)
    ]
    schools = paginate(figures_by(scope, "school_id", "school__name", now=now), page)
    cities: list[dict[str, Any]] = []
    unions: list[dict[str, Any]] = []
    offices: list[dict[str, Any]] = []
    if school is None:
        cities = _by_city(actor, scope, now)
    else:
        unions = list(figures_by(scope, "union_id", "union__name", now=now))
        offices = list(
            figures_by(
                scope.filter(lead_office_id__isnull=False),
                "lead_office_id",
                "lead_office__name",
                now=now,
            )
        )
    return {
        "years": years,
        "year": year,
        "school": school,
        "totals": totals,
        "by_category": by_category,
        "schools": schools,
        "cities": cities,
        "unions": unions,
        "offices": offices,
    }


def _by_city(actor: Any, scope: Any, now: datetime.datetime) -> list[dict[str, Any]]:
    """One row per city in reach, when the scope spans more than one (the province): one
    aggregate query per city (a province has a dozen or so)."""
    cities = list(
        Node.objects.filter(node_scope(actor, roles=STATS_REACH_ROLES), kind=NodeKind.CITY)
        .order_by("path")
        .only("pk", "name", "path")[:50]
    )
    if len(cities) < 2:
        return []
    rows = []
    for city in cities:
        counts = figures(scope.filter(school__path__startswith=city.path), now)
        rows.append({"city_id": city.pk, "name": city.name, **counts})
    return rows
