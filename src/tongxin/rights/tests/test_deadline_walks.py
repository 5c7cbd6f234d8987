"""Lists ordered by deadline read only the rows they show (issue 12): the office inbox and
the to-do list's items of a union queue and of the referral inbox. As the queue's plan
test (test_queries.py): 50, then 5,000 matching issues beside others that match nothing;
the same statements, a LIMIT on every statement that reads issues, no unbounded COUNT, and
on PostgreSQL the same few rows read by the page's query at either size. And the rows
and their order are those of the whole filter, deadline ties and issues without one too."""

import datetime
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tongxin.rights import selectors
from tongxin.rights.models import Issue
from tongxin.testing.province import TinyProvince

from .factories import category
from .test_queries import _rows_read

pytestmark = pytest.mark.django_db
FEW, MANY = 50, 5_000
REST = 40_000  # on PostgreSQL: another school's issues, so the planner sees a large table
BASE = datetime.datetime(2026, 11, 2, 8, tzinfo=datetime.UTC)
Through = Issue.co_offices.through


def _due(i: int, ties: bool) -> datetime.datetime | None:
    if i % 7 == 3:
        return None  # a clock stopped: listed last (or first, as the engine orders NULLs)
    return BASE + datetime.timedelta(hours=i % 37 if ties else i)


def _issues(p: TinyProvince, n: int, *, start: int = 0, ties: bool = False) -> None:
    """n issues referred to handler_a's office (lead), n submitted to officer_a's union, and
    beside each an issue of another school's office and union and a closed one; every
    tenth of the first FEW referred issues has handler_a's office as a co-office (another
    office leads)."""
    cat = category()
    rows = []
    for i in range(start, start + n):
        due = _due(i, ties)
        common = {"category": cat, "description": "晚上十点以后热水时有时无。", "due_at": due}
        co = i % 10 == 0 and i < FEW  # a few: the co-office walk reads all of them
        lead = p.academic_office_a if co else p.logistics_office_a
        title = f"热水时有时无（批量 {i}）"
        rows += [
            Issue(school=p.school_a, union=p.union_a, status="referred", lead_office=lead,
                  title=title, **common),
            Issue(school=p.school_a, union=p.union_a, status="submitted", title=title, **common),
            Issue(school=p.school_b, union=p.union_b, status="referred",
                  lead_office=p.logistics_office_b, title=title, **common),
            Issue(school=p.school_b, union=p.union_b, status="submitted", title=title, **common),
            Issue(school=p.school_a, union=p.union_a, status="closed",
                  lead_office=p.logistics_office_a, title=title, **common),
        ]  # fmt: skip
    made = Issue.objects.bulk_create(rows, batch_size=1000)
    Through.objects.bulk_create(
        Through(issue_id=issue.pk, node_id=p.logistics_office_a.pk)
        for issue in made
        if issue.lead_office_id == p.academic_office_a.pk
    )
    if connection.vendor == "postgresql":
        _rest(p, REST)


def _rest(p: TinyProvince, n: int) -> None:
    """n issues of school b's union, not referred, their deadlines spread over the same
    weeks: the large table around the lists, as a province's open issues are."""
    columns = [f.column for f in Issue._meta.concrete_fields if not f.primary_key]
    own = {"school_id": p.school_b.pk, "union_id": p.union_b.pk, "lead_office_id": None}
    picked = ["%s" if c in own else c for c in columns]
    picked[columns.index("due_at")] = "%s + (g %% 5000) * interval '1 hour'"
    params = [BASE if c == "due_at" else own[c] for c in columns if c in own or c == "due_at"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO rights_issue ({', '.join(columns)}) "
            f"SELECT {', '.join(picked)} FROM rights_issue, generate_series(1, %s) AS g "
            "WHERE id = (SELECT max(id) FROM rights_issue)",
            [*params, n],
        )


def _issue_sql(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries if '"rights_issue"' in q["sql"]]


def _plan_rows(qs: Any) -> int:
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE rights_issue")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    return _rows_read((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"])


def _bounded(sql: list[str]) -> None:
    for statement in sql:
        upper = statement.upper()
        assert "LIMIT" in upper, statement
        if "COUNT(" in upper:  # the to-do count: at most COUNT_CAP + 1 rows
            assert "LIMIT 1001" in upper, statement


def _pages(p: TinyProvince) -> dict[str, Any]:
    """Each list's first rows read by the walks, as the pages ask for them."""
    handler, officer = p.people["handler_a"], p.officer_a
    return {
        "inbox": selectors.inbox_for(actor=handler, first=21)[:21],
        "inbox, done too": selectors.inbox_for(actor=handler, include_done=True, first=21)[:21],
        "union to-do": selectors.awaiting_union(actor=officer, first=20)[:20],
        "office to-do": _office_todo(handler, 20)[:20],
    }


def _office_todo(handler: Any, first: int | None) -> Any:
    from tongxin.workflow.referral.selectors import awaiting_reply

    return awaiting_reply(Issue, handler, states=["referred"], first=first)


@pytest.mark.parametrize(
    ("persona", "url"), [("handler_a", "/rights/inbox/"), ("officer_a", "/todo/"),
                         ("handler_a", "/todo/"), ("handler_a", "/rights/inbox/?done=1")]
)  # fmt: skip
def test_deadline_lists_read_the_same_rows_at_50_and_5000_matching(
    province, client_for, persona, url
) -> None:
    client = client_for(persona)
    _issues(province, FEW)
    client.get(url)  # warm
    few = _issue_sql(client, url)
    few_rows = {k: _plan_rows(qs) for k, qs in _pages(province).items()} if _pg() else {}
    _issues(province, MANY - FEW, start=FEW)
    many = _issue_sql(client, url)
    assert len(few) == len(many)
    _bounded(many)
    page = client.get(url).content.decode()
    assert page.count("/rights/issues/") >= 20
    if _pg():
        many_rows = {k: _plan_rows(qs) for k, qs in _pages(province).items()}
        for key, bound in _bounds().items():
            assert few_rows[key] <= bound and many_rows[key] <= bound, (key, few_rows, many_rows)


def _bounds() -> dict[str, int]:
    """Rows each list's query may read on PostgreSQL, whatever matches: per walk a page and
    one (and one more that ends the incremental sort); the co-office walks read the
    office's co-referred issues (FEW // 10 here) and their links; then each id the walks
    found is read with the page's joins (issue, lead office, category for the inbox)."""
    co = FEW // 10
    states = len(Issue._meta.get_field("status").choices)
    walks, found = 2 * 22 + 2 * (co + co), 2 * 21 + 2 * co  # one office, one state
    unions = 3 * 3  # officer_a's school union and two college unions × three states
    return {
        "inbox": walks + 3 * found,
        "inbox, done too": states * (walks + 3 * found),
        "office to-do": walks + found,
        "union to-do": unions * 2 * 22 + unions * 2 * 21,
    }


def _pg() -> bool:
    return connection.vendor == "postgresql"


def test_walks_give_the_rows_and_order_of_the_whole_filter(province) -> None:
    """Deadline ties (37 distinct deadlines over 600 issues), issues without a deadline,
    lead and co-office: each list's first pages are exactly those of the single filter."""
    _issues(province, 600, ties=True)
    handler, officer = province.people["handler_a"], province.officer_a
    for done in (False, True):
        whole = list(selectors.inbox_for(actor=handler, include_done=done))
        for end in (21, 41, 141, *_around_null(whole)):
            walked = selectors.inbox_for(actor=handler, include_done=done, first=end)
            assert list(walked[end - 21 : end]) == whole[end - 21 : end]
    assert list(selectors.awaiting_union(actor=officer, first=20)[:20]) == list(
        selectors.awaiting_union(actor=officer)[:20]
    )
    whole = list(_office_todo(handler, None))
    for end in (20, *_around_null(whole)):
        assert list(_office_todo(handler, end)[end - 20 : end]) == whole[end - 20 : end]


def _around_null(rows: list[Issue]) -> list[int]:
    """Page ends that take in where the issues without a deadline begin or end (first on
    SQLite, last on PostgreSQL)."""
    nulls = [n for n, issue in enumerate(rows) if issue.due_at is None]
    assert nulls and len(nulls) < len(rows)
    return [k + 10 for k in (nulls[0], nulls[-1]) if 20 <= k + 10 <= len(rows)]


def test_inbox_pages_are_those_of_the_whole_filter(province, client_for) -> None:
    """Through the page: the second page starts where the first ended."""
    _issues(province, 60, ties=True)
    client = client_for("handler_a")
    whole = list(selectors.inbox_for(actor=province.people["handler_a"]))
    for number, rows in ((1, whole[:20]), (2, whole[20:40])):
        page = client.get(f"/rights/inbox/?page={number}").content.decode()
        at = [page.find(f'href="/rights/issues/{i.pk}/"') for i in rows]
        assert -1 not in at and at == sorted(at), (number, at)
