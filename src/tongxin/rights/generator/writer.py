"""Store the year of issues in bulk: issues, sealed identities, co-offices, clocks, the
timeline, support, offices' inputs and the similar-issues index.

The printed logins' few issues (scripts.py) are not stored here but taken through the
rights services first (replay.py).

`bulk_create` stamps every `auto_now_add` / `auto_now` field with the moment of the
insert; the story's own moments are put back right after (stamps.restamp), so that the
queue's ages, the timelines and the statistics show the year as it happened. Events are
inserted in the order they happened, so that ids follow time as they do in real use (the
statistics fold reads the timeline by id).
"""

from django.db import connection
from django.db.models import Model

from tongxin.orgs.models import Node
from tongxin.rights.models import (
    Issue,
    IssueCategory,
    IssueClock,
    IssueEvent,
    IssueGram,
    IssueSupport,
    OfficeInput,
    SealedIdentity,
)
from tongxin.rights.seed import seed_categories
from tongxin.rights.similarity import grams
from tongxin.workflow.generation.stamps import restamp

from .issues import SYSTEM, EventSpec, IssuePlan, IssueSpec
from .replay import replay_issues
from .steps import MERGED_TEXT

# Parameters per INSERT. On SQLite more is slower, not faster: it spends more per row on
# statements with tens of thousands of parameters (measured: 300 timeline rows per INSERT
# beat 5,000 by a third); PostgreSQL prefers fewer, larger statements.
PARAMS_PER_INSERT = {"sqlite": 2_000, "postgresql": 40_000}
UPDATE_BATCH = 500  # rows per UPDATE … CASE (merged_into: a few hundred rows)


def batch(model: type[Model]) -> int:
    """Rows per INSERT for `model`: about PARAMS_PER_INSERT parameters."""
    params = PARAMS_PER_INSERT.get(connection.vendor, 2_000)
    return max(20, params // len(model._meta.concrete_fields))


class Ids:
    """Plan keys → database ids."""

    def __init__(self, nodes: dict[str, Node], users: dict[str, int], system_id: int) -> None:
        self.nodes = nodes
        self.users = users
        self.system_id = system_id
        seed_categories(IssueCategory)  # restores the shipped categories if missing
        self.categories = dict(IssueCategory.objects.values_list("name", "pk"))

    def node(self, key: str) -> int:
        return self.nodes[key].pk

    def maybe_node(self, key: str | None) -> int | None:
        return self.nodes[key].pk if key else None

    def user(self, username: str) -> int:
        return self.system_id if username == SYSTEM else self.users[username]

    def maybe_user(self, username: str | None) -> int | None:
        return None if username is None else self.user(username)


def _issue(spec: IssueSpec, ids: Ids) -> Issue:
    return Issue(
        school_id=ids.node(spec.school),
        union_id=ids.node(spec.union),
        college_id=ids.maybe_node(spec.college),
        submitter_id=None if spec.anonymous else ids.user(spec.reporter),
        is_anonymous=spec.anonymous,
        pseudonym=spec.pseudonym,
        publication_consent=spec.consent,
        category_id=ids.categories[spec.category],
        is_urgent=spec.is_urgent,
        title=spec.title,
        description=spec.description,
        place=spec.place,
        status=spec.status,
        version=spec.version,
        assignee_id=ids.maybe_user(spec.assignee),
        lead_office_id=ids.maybe_node(spec.lead_office),
        supporters_count=len(spec.supporters),
        due_at=spec.due_at,
        escalation_level=spec.escalation_level,
        escalated_to_city=spec.escalated_to_city,
        first_reply=spec.first_reply,
        decline_reason=spec.decline_reason,
        answer=spec.answer,
        answered_at=spec.answered_at,
        feedback=spec.feedback,
        fed_back_at=spec.fed_back_at,
        rating=spec.rating,
        rating_reason=spec.rating_reason,
        dissatisfied_count=spec.dissatisfied_count,
        flagged_to_advisor=spec.flagged_to_advisor,
        closed_at=spec.closed_at,
        published_at=spec.published_at,
    )


def _write_issues(specs: list[IssueSpec], ids: Ids, pks: dict[int, int]) -> list[Issue]:
    """The bulk issues; `pks` (holding the scripted issues' ids already) gains theirs."""
    issues = [_issue(spec, ids) for spec in specs]
    Issue.objects.bulk_create(issues, batch_size=batch(Issue))
    if issues and issues[0].pk is None:
        raise RuntimeError("the database did not return the ids of the new issues")
    pks.update((spec.index, issue.pk) for spec, issue in zip(specs, issues, strict=True))
    merged = []
    for spec, issue in zip(specs, issues, strict=True):
        if spec.merged_into in pks:
            issue.merged_into_id = pks[spec.merged_into]
            merged.append(issue)
    Issue.objects.bulk_update(merged, ["merged_into"], batch_size=UPDATE_BATCH)
    restamp(
        Issue,
        ["created_at", "updated_at"],
        [(i.pk, (s.submitted_at, s.updated_at)) for s, i in zip(specs, issues, strict=True)],
    )
    return issues


Pairs = list[tuple[IssueSpec, Issue]]


def _write_sealed_and_offices(pairs: Pairs, ids: Ids) -> None:
    SealedIdentity.objects.bulk_create(
        [
            SealedIdentity(issue=i, user_id=ids.user(s.reporter), school_id=i.school_id)
            for s, i in pairs
            if s.anonymous
        ],
        batch_size=batch(SealedIdentity),
    )
    through = Issue.co_offices.through
    rows = [through(issue_id=i.pk, node_id=ids.node(o)) for s, i in pairs for o in s.co_offices]
    through.objects.bulk_create(rows, batch_size=batch(through))
    inputs = [(i, given) for s, i in pairs for given in s.inputs]
    made = [
        OfficeInput(
            issue_id=i.pk, office_id=ids.node(g.office), author_id=ids.user(g.author), text=g.text
        )
        for i, g in inputs
    ]
    OfficeInput.objects.bulk_create(made, batch_size=batch(OfficeInput))
    moments = [(o.pk, (g.at,)) for o, (_i, g) in zip(made, inputs, strict=True)]
    restamp(OfficeInput, ["created_at"], moments)


def _write_clocks_and_index(pairs: Pairs) -> None:
    """The deadline clocks, and the title index of issues whose writers agreed to publication
    (rights.similarity.index_issue)."""
    clocks = [
        IssueClock(
            issue_id=i.pk,
            school_id=i.school_id,
            clock=c.clock,
            started_at=c.started_at,
            due_at=c.due_at,
            stopped_at=c.stopped_at,
            escalation_level=c.escalation_level,
            cancelled=c.cancelled,
        )
        for s, i in pairs
        for c in s.clocks
    ]
    IssueClock.objects.bulk_create(clocks, batch_size=batch(IssueClock))
    index = [
        IssueGram(issue_id=i.pk, school_id=i.school_id, gram=g)
        for s, i in pairs
        if s.consent
        for g in sorted(grams(s.title))
    ]
    IssueGram.objects.bulk_create(index, batch_size=batch(IssueGram))


def _event(
    event: EventSpec, spec: IssueSpec, issue: Issue, pks: dict[int, int], ids: Ids
) -> IssueEvent:
    text = event.text
    if event.kind == "merged" and spec.merged_into in pks:
        text = MERGED_TEXT.format(into=pks[spec.merged_into])
    return IssueEvent(
        issue_id=issue.pk,
        school_id=issue.school_id,
        kind=event.kind,
        actor_id=ids.maybe_user(event.actor),
        actor_label=event.label,
        text=text,
        internal=event.internal,
    )


def _write_timeline(pairs: Pairs, ids: Ids, pks: dict[int, int]) -> None:
    """Every event, oldest first, so that ids follow time (in the bulk year; the scripted
    stories' lines come before it, written by the services)."""
    rows = sorted(
        ((event, spec, issue) for spec, issue in pairs for event in spec.events),
        key=lambda row: row[0].at,
    )
    events = [_event(event, spec, issue, pks, ids) for event, spec, issue in rows]
    IssueEvent.objects.bulk_create(events, batch_size=batch(IssueEvent))
    moments = [(e.pk, (row[0].at,)) for e, row in zip(events, rows, strict=True)]
    restamp(IssueEvent, ["created_at"], moments)


def _write_support(pairs: Pairs, ids: Ids) -> None:
    """我也遇到: one row per schoolmate (supporters_count was set with the issue)."""
    supports = [(i, who, at) for s, i in pairs for who, at in s.supporters]
    made = [
        IssueSupport(issue_id=i.pk, user_id=ids.user(who), school_id=i.school_id)
        for i, who, _at in supports
    ]
    IssueSupport.objects.bulk_create(made, batch_size=batch(IssueSupport))
    moments = [(m.pk, (row[2],)) for m, row in zip(made, supports, strict=True)]
    restamp(IssueSupport, ["created_at"], moments)


def write_issues(
    plan: IssuePlan, *, nodes: dict[str, Node], users: dict[str, int], system_id: int
) -> dict[str, int]:
    """Store the plan (inside the caller's transaction): the printed logins' stories
    through the services (replay.py), then the year in bulk; returns what was written.
    The stories go first: the services read what exists (a student's submissions since
    the day began, say), and the bulk year would be their future."""
    ids = Ids(nodes, users, system_id)
    pks: dict[int, int] = {}
    replay_issues([spec for spec in plan.issues if spec.scripted], ids, pks)
    bulk = [spec for spec in plan.issues if not spec.scripted]
    pairs = list(zip(bulk, _write_issues(bulk, ids, pks), strict=True))
    _write_sealed_and_offices(pairs, ids)
    _write_clocks_and_index(pairs)
    _write_timeline(pairs, ids, pks)
    _write_support(pairs, ids)
    return plan.counts()
