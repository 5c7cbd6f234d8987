"""The audit log of a reader of a few schools reads only the events it shows (issue 12):
one walk per school and one of the federation-level events, as the queue's plan test
(rights/tests/test_queries.py): 50, then 5,000 events the reader may read, beside other
schools' events; the same statements, a LIMIT on every statement reading events, no COUNT,
on PostgreSQL the same few rows read; and the rows and their order are the single
filter's."""

import datetime
import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tongxin.audit.models import AuditChain, AuditEvent
from tongxin.audit.selectors import event_filter, event_list_for, event_page_for
from tongxin.rights.tests.test_queries import _rows_read
from tongxin.testing.province import TinyProvince

pytestmark = pytest.mark.django_db
FEW, MANY = 50, 5_000
REST = 200_000  # on PostgreSQL: another city's events, the bulk of a province's table
AT = datetime.datetime(2026, 11, 2, 8, tzinfo=datetime.UTC)


def _events(p: TinyProvince, n: int, *, start: int = 0) -> None:
    """Per i: an event of school a and of school c (city 1, which city_staff_1 reads), of
    school b (city 2), and every tenth of the first FEW a federation-level event acted at
    city 1 and one at city 2."""
    chain, _ = AuditChain.objects.get_or_create(key="test")
    rows = []
    for i in range(start, start + n):
        places = [(p.school_a, None), (p.school_c, None), (p.school_b, None)]
        if i % 10 == 0 and i < FEW:  # a few: the federation walk reads all of them
            places += [(None, p.city_1), (None, p.city_2)]
        for school, node in places:
            rows.append(
                AuditEvent(
                    chain=chain,
                    seq=len(rows) + 10 * start,
                    prev_hash="",
                    hash="",
                    actor_label="测试",
                    acting_node=node,
                    school=school,
                    action="rights.issue_submit" if i % 2 else "rights.issue_accept",
                    created_at=AT + datetime.timedelta(minutes=i),
                )
            )
    AuditEvent.objects.bulk_create(rows, batch_size=1000)
    if connection.vendor == "postgresql":
        _rest(p, REST, start)


def _rest(p: TinyProvince, n: int, start: int) -> None:
    """n more events of school b, copied from the newest (its seq moved out of the way)."""
    columns = [f.column for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    picked = ["%s" if c == "school_id" else "seq + %s + g" if c == "seq" else c for c in columns]
    params = [p.school_b.pk if c == "school_id" else 10**6 * (start + 1) for c in columns
              if c in {"school_id", "seq"}]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO audit_auditevent ({', '.join(columns)}) "
            f"SELECT {', '.join(picked)} FROM audit_auditevent, generate_series(1, %s) AS g "
            "WHERE id = (SELECT max(id) FROM audit_auditevent)",
            [*params, n],
        )


def _reader(p: TinyProvince) -> Any:
    return p.people["city_staff_1"]


def test_walks_give_the_events_and_order_of_the_single_filter(province) -> None:
    _events(province, 300)
    reader = _reader(province)
    for filters in ({}, {"action": "rights.issue_accept"}):
        whole = list(event_filter(event_list_for(actor=reader), **filters))
        assert {e.school_id for e in whole} == {province.school_a.pk, province.school_c.pk, None}
        # the newest pages, and the oldest, where the federation-level events are
        for end in (21, 41, 141, len(whole) - 50, len(whole)):
            walked = event_page_for(actor=reader, first=end, **filters)
            assert list(walked[end - 21 : end]) == whole[end - 21 : end]


def _event_sql(client: Any, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries if '"audit_auditevent"' in q["sql"]]


def _plan_rows(p: TinyProvince) -> int:
    sql, params = event_page_for(actor=_reader(p), first=21)[:21].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE audit_auditevent")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    return _rows_read((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"])


@pytest.mark.parametrize("query", ["", "?action=rights.issue_accept"])
def test_audit_log_reads_the_same_rows_at_50_and_5000_events(province, client_for, query) -> None:
    client = client_for("city_staff_1")
    url = "/audit/" + query
    _events(province, FEW)
    client.get(url)  # warm
    few = _event_sql(client, url)
    few_rows = _plan_rows(province) if connection.vendor == "postgresql" else 0
    _events(province, MANY - FEW, start=FEW)
    many = _event_sql(client, url)
    assert len(few) == len(many)
    for sql in many:
        assert "LIMIT" in sql.upper() and "COUNT(" not in sql.upper(), sql
    if connection.vendor == "postgresql":
        # Per walk (schools a and c, the federation's) a page and one, the federation walk
        # reading the reader's federation-level events through the 20 nodes below city 1;
        # each id found is read again, with its school (217); the planner's choice of join
        # for the federation walk varies with the statistics, hence the margin. The single
        # filter read the other city's 200,000 events.
        bound = 300
        assert few_rows <= bound and _plan_rows(province) <= bound, (few_rows, bound)
