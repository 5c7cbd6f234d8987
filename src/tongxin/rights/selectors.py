"""Reads of the rights desk, scoped to the viewer in SQL (the same reach as rules.py)."""

import datetime
import itertools
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from tongxin.accounts.models import Role, User
from tongxin.accounts.reach import has_role, node_scope, remember_per_grants
from tongxin.accounts.roles import (
    FEDERATION_ROLES,
    grants_where,
    node_ids_where,
    school_ids_where,
)
from tongxin.core import walks
from tongxin.core.memo import remember
from tongxin.orgs.models import UNION_KINDS, Node
from tongxin.orgs.selectors import attach_nodes
from tongxin.workflow.referral.selectors import first_referred, referred_q, referred_to

from .models import OPEN_STATUSES, Issue, IssueCategory, IssueEvent, Status

QUEUE_PAGE = 20


def _unions(actor: Any, roles: list[str]) -> QuerySet[Node, Any] | None:
    """The union nodes whose queue the actor's `roles` reach, as a subquery (the issue
    query joins it instead of a round trip first); None for someone without such a role."""
    if not has_role(actor, *roles):
        return None
    scope = node_scope(actor, roles=roles)
    return Node.objects.filter(scope, kind__in=UNION_KINDS).values("pk")


def mine_q(actor: Any) -> Q:
    return Q(submitter=actor) | Q(sealed__user=actor)


def issue_scope(actor: Any) -> Q:
    """Every issue the actor may open (rights.view_issue as a filter). Only the branches
    of roles the actor holds are added, so a student's filter is just their own issues."""
    scope = mine_q(actor)
    unions = _unions(actor, [Role.OFFICER, Role.COLLEGE_SECRETARY])
    if unions is not None:
        scope |= Q(union_id__in=unions)
    referred = referred_q(Issue, actor)
    if referred is not None:
        scope |= referred
    schools = school_ids_where(actor, Role.ADVISOR)
    if schools:
        scope |= Q(school_id__in=schools)
    if has_role(actor, *FEDERATION_ROLES):
        federation = node_scope(actor, field="school__", roles=FEDERATION_ROLES)
        scope |= Q(escalated_to_city=True) & federation
    return scope


def issue_list_for(*, actor: Any) -> QuerySet[Issue]:
    return Issue.objects.filter(issue_scope(actor))


def issue_get_for(*, actor: Any, pk: int) -> Issue:
    """One issue, or Issue.DoesNotExist when missing *or* out of reach (views answer 404)."""
    issue = (
        issue_list_for(actor=actor)
        # sealed: the reporter checks of the page's rules then read no extra row
        .select_related("category", "assignee", "sealed")
        .get(pk=pk)
    )
    attach_nodes(issue, "union", "school", "lead_office")  # remembered nodes, no join
    return issue


# What a row of "my issues" shows (rights/mine.html, the home page's student card).
MINE_ROW_FIELDS = ("title", "status", "is_urgent", "is_anonymous", "created_at", "category__name")


def my_issues(
    *, actor: Any, before: int | None = None, fields: tuple[str, ...] = ()
) -> QuerySet[Issue]:
    """The actor's own issues, newest first: those they signed and those they sent
    anonymously, each walked through its own index and joined by UNION ALL (an anonymous
    issue has no submitter, so the two never overlap). One filter with an OR across the
    sealed identities would make the database walk the whole issue table backwards for a
    student with a handful of issues. `before` is the keyset cursor of the API; `fields`
    narrows the columns to what a list shows (every selected column costs at compile time)."""
    signed = Issue.objects.filter(submitter=actor).select_related("category")
    sealed = Issue.objects.filter(sealed__user=actor).select_related("category")
    if before:
        signed, sealed = signed.filter(pk__lt=before), sealed.filter(pk__lt=before)
    if fields:
        signed, sealed = signed.only(*fields), sealed.only(*fields)
    return signed.union(sealed, all=True).order_by("-id")


@dataclass(frozen=True)
class QueueFilter:
    status: str = ""
    category: int | None = None
    college: int | None = None
    overdue: bool = False
    before: int | None = None  # keyset cursor: ids below this one


QUEUE_STATUSES = (
    Status.SUBMITTED,
    Status.ACCEPTED,
    Status.IN_PROGRESS,
    Status.REFERRED,
    Status.ANSWERED,
)


def queue_for(
    *,
    actor: Any,
    f: QueueFilter,
    now: datetime.datetime | None = None,
    limit: int = QUEUE_PAGE + 1,
) -> QuerySet[Issue]:
    """At most `limit` issues of the union queue(s) the actor works or reads, newest first,
    keyset-paginated (`f.before`): one page and one row more, to know there is a next one.

    The page reads only the rows it shows, however many match: one branch per (union,
    status) walks the queue index (union, status, -id) newest first and stops after `limit`
    rows, and the outer query keeps the newest `limit` of those. A single filter with
    `union IN (…) AND status IN (…)` cannot come out of that index in id order, so the
    database read every matching row and sorted them before taking the page (18 ms of SQL
    at 4,837 rows on PostgreSQL). Category, college and the overdue flag filter inside
    each branch's walk."""
    union_ids = queue_unions(actor=actor)
    statuses: list[str] = [f.status] if f.status else list(QUEUE_STATUSES)
    newest = _newest_ids(union_ids, statuses, f, now or timezone.now(), limit)
    if newest is None:
        return Issue.objects.none()
    return (
        Issue.objects.filter(pk__in=newest)
        .select_related("category", "college", "assignee")
        .order_by("-id")
    )


def queue_unions(*, actor: Any) -> list[int]:
    """The union nodes whose queue the actor works or reads (none without such a role).
    Remembered a minute per set of grants (core/memo.py): losing a membership changes the
    key at once; a union added to the tree shows within the minute."""
    roles: list[str] = [Role.OFFICER, Role.COLLEGE_SECRETARY]
    if not grants_where(actor, *roles):
        return []

    def ask() -> list[int]:
        unions = _unions(actor, roles)
        return [] if unions is None else list(unions.values_list("pk", flat=True))

    return remember_per_grants(("queue-unions",), actor, CHOICES_MEMO_SECONDS, ask)


def _newest_ids(
    union_ids: list[int],
    statuses: list[str],
    f: QueueFilter,
    now: datetime.datetime,
    limit: int,
) -> RawSQL | QuerySet[Issue, int] | None:
    """The ids of the newest `limit` issues of the queue, as a subquery: a UNION ALL of
    one LIMITed, index-ordered walk per (union, status), the newest `limit` of them all.

    Written as SQL because the ORM cannot LIMIT the branches of a compound query on SQLite
    and compiles each branch's queryset on its own. Each branch names its union and state
    as constants, so PostgreSQL plans it with that union's own statistics: a LATERAL walk
    over arrays plans once, but with a generic parameter the planner judged each union a
    quarter of the test table and walked the primary key backwards past 50,000 rows. The
    price is planning: about 0.1 ms a branch on PostgreSQL (13 unions × 5 open states, the
    largest school's default view: 5.8 ms; one state: 13 branches). Past walks.MAX_PARTS
    branches (a school-union officer reading a hundred college unions), the newest `limit`
    of the single filter: the same ids."""
    if not union_ids or not statuses:
        return None
    pairs = list(itertools.product(union_ids, statuses))
    if not walks.fits(len(pairs)):
        rows = Issue.objects.filter(union_id__in=union_ids, status__in=statuses)
        for column, op, value in _queue_filters(f, now):
            rows = rows.filter(**{f"{column}__{LOOKUPS[op]}": value})
        return rows.order_by("-id").values_list("id", flat=True)[:limit]
    q = connection.ops.quote_name
    conditions, extra = _queue_conditions(f, now)
    walk = (
        f"SELECT * FROM (SELECT {q('id')} FROM {q(Issue._meta.db_table)}"
        f" WHERE {q('union_id')} = %s AND {q('status')} = %s{conditions}"
        f" ORDER BY {q('id')} DESC LIMIT {int(limit)})"
    )
    sql = " UNION ALL ".join(f"{walk} AS w{n}" for n in range(len(pairs)))
    params = [p for union_id, status in pairs for p in (union_id, status, *extra)]
    return RawSQL(
        f"SELECT {q('id')} FROM ({sql}) AS newest ORDER BY {q('id')} DESC LIMIT {int(limit)}",
        params,
    )


LOOKUPS = {"=": "exact", "<": "lt"}


def _queue_filters(f: QueueFilter, now: datetime.datetime) -> list[tuple[str, str, Any]]:
    """The queue filter's other conditions as (column, operator, value), those set only
    (as before: an empty or zero id filters nothing)."""
    conditions = (
        ("category_id", "=", f.category),
        ("college_id", "=", f.college),
        ("due_at", "<", now if f.overdue else None),
        ("id", "<", f.before),
    )
    return [(column, op, value) for column, op, value in conditions if value]


def _queue_conditions(f: QueueFilter, now: datetime.datetime) -> tuple[str, list[Any]]:
    """The queue filter's other conditions, checked inside each walk."""
    sql, params = "", []
    for column, op, value in _queue_filters(f, now):
        if column == "due_at":
            value = connection.ops.adapt_datetimefield_value(value)
        sql += f" AND {connection.ops.quote_name(column)} {op} %s"
        params.append(value)
    return sql, params


# What a queue row shows (rights/queue.html): the page reads only these columns.
QUEUE_ROW_FIELDS = (
    "title",
    "status",
    "is_urgent",
    "supporters_count",
    "due_at",
    "escalation_level",
    "category__name",
    "college__name",
    "assignee__real_name",
)


def inbox_for(
    *, actor: Any, include_done: bool = False, first: int | None = None
) -> QuerySet[Issue]:
    """The issues referred to the actor's offices (those waiting, or all with
    `include_done`), the nearest deadline first. With `first` (a page's offset + size + 1),
    only the first `first` rows are read: per office and state one walk of the lead
    office's index (lead_office, status, due_at, id) and one of its co-offices, each
    stopped after `first` rows (tongxin.core.walks); the same rows in the same order as
    the whole filter, which read and sorted every referred issue of the office."""
    states = list(Status.values) if include_done else [Status.REFERRED]
    if first is None:
        qs = referred_to(Issue, actor)
        if not include_done:
            qs = qs.filter(status=Status.REFERRED)
    else:
        qs = first_referred(Issue, actor, states=states, limit=first, newest_tie=True)
    return qs.select_related("category", "lead_office").order_by("due_at", "-id")


def wall_for(*, actor: Any) -> QuerySet[Issue]:
    """回音壁: published issues of the schools the viewer belongs to."""
    schools = school_ids_where(actor)
    return (
        Issue.objects.filter(school_id__in=schools, published_at__isnull=False)
        .select_related("category")
        .order_by("-published_at", "-id")
    )


def timeline_for(issue: Issue, *, student_view: bool) -> QuerySet[IssueEvent]:
    events = IssueEvent.objects.filter(issue=issue).order_by("id")
    return events.filter(internal=False) if student_view else events


def categories() -> QuerySet[IssueCategory]:
    return IssueCategory.objects.filter(is_active=True).order_by("position", "id")


# The queue's filter choices: remembered a minute in the process (core/memo.py) — a
# drop-down's choices; the filter itself is applied in SQL to whatever is chosen.
CHOICES_MEMO_SECONDS = 60


def category_choices() -> list[tuple[int, str]]:
    """The active categories as (pk, name), for filters."""
    return remember(
        ("issue-categories",),
        CHOICES_MEMO_SECONDS,
        lambda: list(categories().values_list("pk", "name")),
    )


def reporter_label(issue: Issue, viewer: Any) -> str:
    """How the writer appears to `viewer`. An anonymous writer is a pseudonym to everyone
    but themselves and the advisor who unsealed the issue."""
    if issue.is_anonymous:
        sealed = getattr(issue, "sealed", None)
        if sealed is not None and viewer.pk in {sealed.user_id, sealed.unsealed_by_id}:
            return f"{sealed.user.real_name}（{sealed.user.number}）"
        return issue.pseudonym
    submitter = issue.submitter
    return f"{submitter.real_name}（{submitter.number}）" if submitter else ""


def offices_of_school(school_id: int) -> QuerySet[Node]:
    return Node.objects.filter(school_id=school_id, kind="office").order_by("name")


def union_officer_choices(issue: Issue) -> list[tuple[int, str]]:
    from tongxin.accounts.models import Membership

    members = (
        Membership.objects.active()
        .filter(node_id=issue.union_id, role=Role.OFFICER)
        .select_related("user")
        .order_by("user__real_name")
    )
    return [(m.user_id, f"{m.user.real_name}（{m.get_position_display()}）") for m in members]


def colleges_for_queue(*, actor: Any) -> list[tuple[int, str]]:
    schools = tuple(school_ids_where(actor, Role.OFFICER, Role.COLLEGE_SECRETARY))
    colleges = Node.objects.filter(school_id__in=schools, kind="college").order_by("name")
    return remember(
        ("queue-colleges", schools),
        CHOICES_MEMO_SECONDS,
        lambda: list(colleges.values_list("pk", "name")),
    )


def queue_officers(*, actor: Any) -> list[tuple[int, str]]:
    """Members of the unions whose queue the actor works (for bulk assign)."""
    from tongxin.accounts.models import Membership

    unions = tuple(node_ids_where(actor, Role.OFFICER))
    if not unions:
        return []
    members = Membership.objects.active().filter(node_id__in=unions, role=Role.OFFICER)
    return remember(
        ("queue-officers", unions),
        CHOICES_MEMO_SECONDS,
        lambda: list(members.order_by("user__real_name").values_list("user_id", "user__real_name")),
    )


def photo_get_for(*, actor: Any, pk: int) -> Any:
    from .models import IssuePhoto

    return IssuePhoto.objects.filter(pk=pk, issue__in=issue_list_for(actor=actor)).first()


def office_of_school(school_id: int, pk: int) -> Node | None:
    return Node.objects.filter(pk=pk, school_id=school_id, kind="office").first()


def person_of_school(school_id: int, pk: int) -> User | None:
    """Someone of the school picked in a form (the service checks what they must be)."""
    return User.objects.filter(pk=pk, school_id=school_id).first()


def supportable_get(*, actor: Any, pk: int) -> Issue | None:
    """An issue a schoolmate may support: open, public-consenting, in the actor's school."""
    return Issue.objects.filter(
        pk=pk,
        school_id=getattr(actor, "school_id", None),
        publication_consent=True,
        status__in=OPEN_STATUSES,
    ).first()


def settings_of(school_id: int) -> Any:
    from .settings import settings_for

    return settings_for(school_id)


def routed_category_ids(school_id: int) -> list[int]:
    from .models import CategoryRoute

    return list(
        CategoryRoute.objects.filter(school_id=school_id).values_list("category_id", flat=True)
    )


def all_categories() -> QuerySet[IssueCategory]:
    return IssueCategory.objects.order_by("position", "id")


def category_by_pk(raw: str | None) -> IssueCategory | None:
    return IssueCategory.objects.filter(pk=int(raw)).first() if raw and raw.isdigit() else None


def home_for_student(actor: Any) -> list[Issue]:
    return list(my_issues(actor=actor, fields=MINE_ROW_FIELDS)[:5])


def home_for_union(union_id: int, now: datetime.datetime | None = None) -> dict[str, int]:
    """Open work of one union's queue: counts by state and overdue."""
    from django.db.models import Count

    open_qs = Issue.objects.filter(union_id=union_id, status__in=OPEN_STATUSES)
    by_status = dict(
        open_qs.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    overdue = open_qs.filter(due_at__lt=now or timezone.now()).count()
    return {
        "submitted": by_status.get(Status.SUBMITTED, 0),
        "in_work": sum(
            by_status.get(s, 0)
            for s in (Status.ACCEPTED, Status.IN_PROGRESS, Status.REFERRED, Status.ANSWERED)
        ),
        "overdue": overdue,
    }


def home_for_office(actor: Any) -> list[Issue]:
    return list(inbox_for(actor=actor, first=5)[:5])


def home_for_advisor(school_id: int) -> list[Issue]:
    """Issues the advisor should look at: flagged after two 不满意, or escalated to them."""
    return list(
        Issue.objects.filter(school_id=school_id)
        .filter(
            Q(flagged_to_advisor=True, closed_at__gte=timezone.now() - datetime.timedelta(days=30))
            | Q(status__in=OPEN_STATUSES, escalation_level__gte=3)
        )
        .select_related("category")
        .order_by("-id")[:10]
    )


# --- the to-do list (待办, see todo.py): what waits for the actor, oldest deadline first ----
AWAITING_UNION = (Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS)


def awaiting_union(*, actor: Any, first: int | None = None) -> QuerySet[Issue]:
    """Issues of the unions the actor works as an officer, waiting to be accepted or answered.
    With `first`, only the first `first` rows are read: one walk per (union, state) of the
    index (union, status, due_at, id), as `inbox_for` does (for a page, not a count)."""
    unions = _unions(actor, [Role.OFFICER])
    if unions is None:
        return Issue.objects.none()
    order = (F("due_at").asc(nulls_last=True), "id")
    whole = Issue.objects.filter(union_id__in=unions, status__in=AWAITING_UNION).order_by(*order)
    if first is None:
        return whole
    if not first:
        return Issue.objects.none()
    where = f"{walks.column('union_id')} = %s AND {walks.column('status')} = %s"
    union_walks = [
        walks.Walk(walks.table(Issue), where, (pk, state))
        for pk, state in itertools.product(unions.values_list("pk", flat=True), AWAITING_UNION)
    ]
    if not walks.fits(len(union_walks) * walks.PARTS_PER_WALK):
        return whole
    ids = walks.first_of(union_walks, deadline="due_at", newest_tie=False, limit=first)
    return (
        Issue.objects.none() if ids is None else Issue.objects.filter(pk__in=ids).order_by(*order)
    )


def awaiting_oversight(*, actor: Any) -> QuerySet[Issue]:
    """Open issues escalated to the actor: overdue to an advisor (督办) or up to the federation."""
    scope = Q(pk__in=[])
    schools = school_ids_where(actor, Role.ADVISOR)
    if schools:
        scope |= Q(school_id__in=schools, escalation_level__gte=3)
    if has_role(actor, *FEDERATION_ROLES):
        scope |= Q(escalated_to_city=True) & node_scope(
            actor, field="school__", roles=FEDERATION_ROLES
        )
    return Issue.objects.filter(scope, status__in=OPEN_STATUSES).order_by(
        F("due_at").asc(nulls_last=True), "id"
    )


def awaiting_rating(*, actor: Any) -> QuerySet[Issue]:
    """The actor's own issues that were answered and fed back, waiting for their rating."""
    return Issue.objects.filter(mine_q(actor), status=Status.FED_BACK).order_by("fed_back_at", "id")


def issues_handled_by(*, actor: Any) -> QuerySet[Issue] | None:
    """The issues of the queues the actor's union office holds (rights.handle_issue as a
    filter: the moderators of their comments); None, with no query, for anyone else."""
    unions = node_ids_where(actor, Role.OFFICER)
    return Issue.objects.filter(union_id__in=unions) if unions else None
