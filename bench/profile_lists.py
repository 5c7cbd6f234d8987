"""In-process profile: does the union queue page cost the same at 50 and 5,000 matching rows?

    .venv/bin/python bench/profile_lists.py                 # SQLite (a scratch test database)
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python \\
        bench/profile_lists.py                              # PostgreSQL (test_postgres)

Builds the tiny test province in a throwaway test database, then 50 issues matching the
queue's `status=accepted` filter and 5,000 matching `status=submitted`, in the officer's
union, spread through 200,000 issues of another school (the shape of a province's table),
renders the officer's queue page for each filter RENDERS times through django.test.Client
and records each render's CPU time (time.process_time: the Python side, and SQLite's work,
which runs in this process) and wall time (time.perf_counter: PostgreSQL's work runs in
its own process). Prints p50/p95 of both and the ratios 5,000 ÷ 50. Not a load test: one
process, one connection.

    .venv/bin/python bench/profile_lists.py inbox           # the office inbox instead

The office inbox (handler_a's /rights/inbox/, nearest deadline first): the 200,000 issues
of another school first, then 50 issues referred to handler_a's office with deadlines
spread over weeks, renders, then 4,950 more, ANALYZE, renders again.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from profile_kit import percentile

RENDERS = 200
WARM = 20
FEW, MANY, REST, ROUNDS = 50, 5_000, 200_000, 100
# The same page over the same table, two filters: 50 matching rows and 5,000
URLS = {FEW: "/rights/queue/?status=accepted", MANY: "/rights/queue/?status=submitted"}


def _setup() -> tuple[Any, str]:
    os.environ.setdefault("TONGXIN_DATA_DIR", tempfile.mkdtemp(prefix="tongxin-profile-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongxin.settings")
    # TONGXIN_SRC=/path/to/other/checkout/src profiles another version (e.g. before a change)
    sys.path.insert(0, os.environ.get("TONGXIN_SRC", str(Path(__file__).parent.parent / "src")))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    # As under pytest: static URLs without a collected manifest (the page is what's measured)
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.STORAGES = settings.STORAGES | {"staticfiles": plain}
    from django.test.utils import setup_test_environment

    setup_test_environment()
    name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    return connection, name


def _issues(n: int, *, school: Any, union: Any, status: str = "submitted") -> None:
    from tongxin.rights.models import Issue, IssueCategory

    cat = IssueCategory.objects.order_by("pk").first()
    Issue.objects.bulk_create(
        [
            Issue(
                school=school,
                union=union,
                category=cat,
                title=f"宿舍热水时有时无（{i}）",
                description="晚上十点以后热水时有时无。",
                status=status,
            )
            for i in range(n)
        ]
    )


def _copy_rest(connection: Any, school: Any, n: int) -> None:
    """n more issues of the other school, copied from its own (fast on both engines)."""
    from tongxin.rights.models import Issue

    columns = ", ".join(f.column for f in Issue._meta.concrete_fields if not f.primary_key)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO rights_issue ({columns}) SELECT {columns} FROM rights_issue "
            "WHERE school_id = %s LIMIT %s",
            [school.pk, n],
        )


def _province(connection: Any, p: Any) -> None:
    """MANY submitted and FEW accepted issues of the officer's union, spread through REST
    issues of another school in ROUNDS slices, as a queue sits in a province's table."""
    _issues(REST // ROUNDS, school=p.school_b, union=p.union_b)
    for n in range(ROUNDS):
        _issues(MANY // ROUNDS, school=p.school_a, union=p.union_a)
        if n % (ROUNDS // FEW) == 0:
            _issues(1, school=p.school_a, union=p.union_a, status="accepted")
        _copy_rest(connection, p.school_b, REST // ROUNDS)


def _rows_read(plan: dict[str, Any]) -> int:
    """Rows the table and index scans of a PostgreSQL plan produced or filtered away."""
    own = 0
    if plan.get("Relation Name"):
        rows = plan["Actual Rows"] + plan.get("Rows Removed by Filter", 0)
        own = rows * plan.get("Actual Loops", 1)
    return own + sum(_rows_read(child) for child in plan.get("Plans", []))


def _queue_rows_read(connection: Any, p: Any, status: str) -> int | str:
    """What the queue's page query reads, from EXPLAIN ANALYZE (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return "n/a"
    from tongxin.rights.selectors import QueueFilter, queue_for

    page = queue_for(actor=p.officer_a, f=QueueFilter(status=status))[:21]
    sql, params = page.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    return _rows_read((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"])


def _referred(n: int, p: Any, *, start: int = 0) -> None:
    """n issues referred to handler_a's office (lead), a deadline every hour, one in seven
    without one (a stopped clock)."""
    import datetime

    from tongxin.rights.models import Issue, IssueCategory

    base = datetime.datetime(2026, 11, 2, 8, tzinfo=datetime.UTC)
    cat = IssueCategory.objects.order_by("pk").first()
    Issue.objects.bulk_create(
        [
            Issue(
                school=p.school_a,
                union=p.union_a,
                category=cat,
                title=f"实验室通风不好（{i}）",
                description="三号楼实验室通风不好。",
                status="referred",
                lead_office=p.logistics_office_a,
                due_at=None if i % 7 == 3 else base + datetime.timedelta(hours=i),
            )
            for i in range(start, start + n)
        ]
    )


def _inbox_rows_read(connection: Any, p: Any) -> int | str:
    if connection.vendor != "postgresql":
        return "n/a"
    from tongxin.rights.selectors import inbox_for

    try:
        page = inbox_for(actor=p.people["handler_a"], first=21)[:21]
    except TypeError:  # profiling the code before the walks (TONGXIN_SRC)
        page = inbox_for(actor=p.people["handler_a"])[:21]
    sql, params = page.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    return _rows_read((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"])


def _profile_inbox(connection: Any, p: Any) -> tuple[dict[str, float], dict[str, float]]:
    from django.test import Client

    client = Client()
    client.force_login(p.people["handler_a"])
    _issues(REST // ROUNDS, school=p.school_b, union=p.union_b)
    for _ in range(ROUNDS - 1):
        _copy_rest(connection, p.school_b, REST // ROUNDS)
    _referred(FEW, p)
    _analyze(connection)
    few = _measure(client, "/rights/inbox/")
    print(f"rows the query read at {FEW} matching: {_inbox_rows_read(connection, p)}")
    _referred(MANY - FEW, p, start=FEW)
    _analyze(connection)
    many = _measure(client, "/rights/inbox/")
    print(f"rows the query read at {MANY} matching: {_inbox_rows_read(connection, p)}")
    return few, many


def _analyze(connection: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _measure(client: Any, url: str) -> dict[str, float]:
    for _ in range(WARM):
        assert client.get(url).status_code == 200
    cpu, wall = [], []
    for _ in range(RENDERS):
        c0, w0 = time.process_time(), time.perf_counter()
        response = client.get(url)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
        assert response.status_code == 200
    return {
        "cpu_p50_ms": statistics.median(cpu) * 1000,
        "cpu_p95_ms": percentile(cpu, 0.95) * 1000,
        "wall_p50_ms": statistics.median(wall) * 1000,
        "wall_p95_ms": percentile(wall, 0.95) * 1000,
    }


def main() -> int:
    inbox = sys.argv[1:] == ["inbox"]
    connection, name = _setup()
    from django.test import Client

    from tongxin.testing.province import build_tiny_province

    p = build_tiny_province()
    if inbox:
        few, many = _profile_inbox(connection, p)
        print(f"engine {connection.vendor}, {RENDERS} renders each as handler_a, /rights/inbox/")
    else:
        client = Client()
        client.force_login(p.officer_a)
        _province(connection, p)
        _analyze(connection)
        few, many = _measure(client, URLS[FEW]), _measure(client, URLS[MANY])
        print(f"engine {connection.vendor}, {RENDERS} renders each as officer_a, {URLS}")
    for label, r in ((f"{FEW} matching", few), (f"{MANY} matching", many)):
        print(
            f"{label:>15}: CPU p50 {r['cpu_p50_ms']:.2f} p95 {r['cpu_p95_ms']:.2f} ms; "
            f"wall p50 {r['wall_p50_ms']:.2f} p95 {r['wall_p95_ms']:.2f} ms"
        )
    if not inbox:
        for n, status in ((FEW, "accepted"), (MANY, "submitted")):
            print(f"rows the query read at {n} matching: {_queue_rows_read(connection, p, status)}")
    for key in ("cpu_p50_ms", "cpu_p95_ms", "wall_p50_ms", "wall_p95_ms"):
        print(f"ratio {MANY} ÷ {FEW}, {key[:-3]}: {many[key] / few[key]:.2f}")
    connection.creation.destroy_test_db(name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
