#!/usr/bin/env python3
"""bench/profile_submit.py: where a submission POST's time goes, measured in-process
(docs/performance.md, "Where a submission's time goes").

    .venv/bin/python bench/profile_submit.py [--requests 500] [--top 25] [--sort cumulative]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python \\
        bench/profile_submit.py                             # test_tongxin_<pid> on that server

No server, no load client. It creates a throwaway test database (the bench settings'
SQLite file under a temporary TONGXIN_DATA_DIR, or test_tongxin_<pid> on DATABASE_URL's
server), builds the tiny test province (tongxin.testing.province), raises the school's
daily limit (the setting, as `tongxin bench prepare` does), logs a student in through the
real login form, then calls Django's WSGI handler directly with a prepared environ — the
production middleware, CSRF enforced, the database task queue — for POST /rights/submit/
with the fields the bench's submission sends (category, title, description, place,
publication consent), expecting the 302 to the new issue.

It prints per request CPU ms (time.process_time: the Python side, and SQLite's work, which
runs in this process) and wall ms (time.perf_counter: PostgreSQL's work runs in its own
process), p50 and p95, SQL statements per request (transaction control left out), then a
cProfile of --requests more submissions (the top entries by --sort), then drops the
database. TONGXIN_SRC=/path/to/other/checkout/src profiles another version of the code.
"""

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from profile_kit import Call, configure, login_cookie, percentile, print_profile, wsgi_call

CSRF_SECRET = "benchsubmitcsrfsecret0123456789a"  # 32 characters: an unmasked CSRF secret
WARM = 50
_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT")


def _configure() -> str | None:
    scratch = configure("tongxin-submit-")
    from django.conf import settings

    # Static URLs without a collected manifest (the form page renders; it is not measured
    # for its static files), as bench/profile_lists.py and the tests do.
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.STORAGES = settings.STORAGES | {"staticfiles": plain}
    return scratch


def _caller(cookies: dict[str, str], category_id: int, method: str = "POST") -> Call:
    """One submission POST through the WSGI handler, as gunicorn would make it; each call
    a new title (the similar-issues index and the daily count see distinct issues). With
    method="GET", the form page instead."""
    counter = iter(range(10**9))

    def body() -> bytes:
        if method == "GET":
            return b""
        form = {
            "csrfmiddlewaretoken": CSRF_SECRET,
            "category": category_id,
            "title": f"宿舍热水时有时无 {next(counter)}",
            "description": "晚上十点以后热水时有时无，洗澡很不方便。",
            "place": "三号楼",
            "publication_consent": "on",
        }
        return urlencode(form).encode()

    return wsgi_call(method, "/rights/submit/", cookies, body)


def _statements(call: Call, n: int = 100) -> list[tuple[str, float]]:
    """The statements of a submission (transaction control left out) with each one's wall
    ms p50 over n submissions, and last the commit's."""
    from django.db import connection

    seen: list[tuple[str, float]] = []

    def timer(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if not sql.startswith(_CONTROL):
                seen.append((sql, time.perf_counter() - started))

    commit = connection.commit
    runs: list[list[tuple[str, float]]] = []

    def timed_commit() -> None:
        started = time.perf_counter()
        commit()
        seen.append(("COMMIT", time.perf_counter() - started))

    with connection.execute_wrapper(timer):
        for _ in range(n):
            seen = []
            connection.commit = timed_commit  # type: ignore[method-assign]
            try:
                status = call()
            finally:
                connection.commit = commit  # type: ignore[method-assign]
            if status != "302 Found":
                raise RuntimeError(f"submission: {status}")
            runs.append(seen)
    shapes = {len(run) for run in runs}
    if len(shapes) != 1:
        raise RuntimeError(f"submissions ran different numbers of statements: {shapes}")
    return [
        (sql, statistics.median(run[i][1] for run in runs) * 1000)
        for i, (sql, _) in enumerate(runs[0])
    ]


def _timed(call: Call, n: int, expect: str = "302 Found") -> dict[str, float]:
    for _ in range(WARM):  # imports, URL resolver, translations, the chain's first event
        call()
    cpu, wall = [], []
    for _ in range(n):
        c0, w0 = time.process_time(), time.perf_counter()
        status = call()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
        if status != expect:
            raise RuntimeError(f"{expect} expected: {status}")
    return {
        "cpu p50": statistics.median(cpu) * 1000,
        "cpu p95": percentile(cpu, 0.95) * 1000,
        "wall p50": statistics.median(wall) * 1000,
        "wall p95": percentile(wall, 0.95) * 1000,
    }


def measure(requests: int, top: int, sort: str, show_sql: bool, profiled: str) -> None:
    from django.db import connection

    from tongxin.rights.models import IssueCategory, RightsSettings
    from tongxin.testing.province import build_tiny_province

    p = build_tiny_province()
    # What `tongxin bench prepare` does: the daily limit is a setting, raised for the run.
    RightsSettings.objects.update_or_create(
        school=p.school_a, defaults={"daily_submission_limit": 32_000}
    )
    category = IssueCategory.objects.filter(is_active=True).order_by("pk").first()
    assert category is not None
    cookies = {"csrftoken": CSRF_SECRET, "sessionid": login_cookie(p.student_a)}
    call = _caller(cookies, category.pk)
    figures = _timed(call, requests)
    timed = _statements(call)
    count = sum(1 for sql, _ in timed if sql != "COMMIT")
    import tongxin

    print(
        f"engine {connection.vendor}, {requests} submissions as student_a after {WARM} "
        f"warm-up, code {Path(tongxin.__file__).parent}"
    )
    print(
        f"CPU ms p50 {figures['cpu p50']:.2f} p95 {figures['cpu p95']:.2f}; "
        f"wall ms p50 {figures['wall p50']:.2f} p95 {figures['wall p95']:.2f}; "
        f"{count} SQL statements/request"
    )
    print(
        f"each statement's wall ms (p50 of 100 submissions), {sum(t for _, t in timed):.2f} in all:"
    )
    for sql, ms in timed:
        print(f"  {ms:6.2f}  {sql[:110] if show_sql else sql[:60]}")
    form = _caller(cookies, category.pk, method="GET")
    shown = _timed(form, requests, expect="200 OK")
    print(
        f"the form (GET, the bench's pair's other half): CPU ms p50 {shown['cpu p50']:.2f} "
        f"p95 {shown['cpu p95']:.2f}; wall ms p50 {shown['wall p50']:.2f} "
        f"p95 {shown['wall p95']:.2f}"
    )
    print_profile(form if profiled == "form" else call, requests, sort=sort, top=top)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench/profile_submit.py", description=__doc__)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative", help="a pstats sort key (tottime …)")
    parser.add_argument("--sql", action="store_true", help="print the statements of one POST")
    parser.add_argument("--profile", choices=["post", "form"], default="post", help="cProfile it")
    args = parser.parse_args(argv)
    scratch = _configure()
    from django.db import connection

    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        measure(args.requests, args.top, args.sort, args.sql, args.profile)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
