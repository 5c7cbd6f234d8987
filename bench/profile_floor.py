#!/usr/bin/env python3
"""bench/profile_floor.py: what a logged-in trivial CSRF POST costs beyond an anonymous one,
measured in-process (docs/performance.md, "Where a logged-in request's time goes").

    .venv/bin/python bench/profile_floor.py [--requests 2000] [--top 25] [--sort cumulative]

CPU time (time.process_time) rather than wall-clock time, so a busy shared machine moves
the figures little; no server, no load client. It creates a throwaway test database (the
bench settings' SQLite file under a temporary TONGXIN_DATA_DIR, or test_tongxin_<pid> on
DATABASE_URL's server), builds the tiny test province (tongxin.testing.province), logs a
student in through the real login form, then calls Django's WSGI handler directly with a
prepared environ — the production middleware, CSRF enforced — for:

- anonymous:  POST /bench/ceiling/post/anyone/ with only the csrftoken cookie;
- logged in:  POST /bench/ceiling/post/ with the student's session and csrftoken cookies.

It prints CPU ms per request and SQL statements per request for both, their ratio, and a
cProfile of the logged-in path (the top entries by --sort), then drops the database.
"""

import argparse
import shutil
import sys
import time
from typing import Any

from profile_kit import Call, configure, login_cookie, print_profile, wsgi_call

CSRF_SECRET = "benchfloorcsrfsecret0123456789ab"  # 32 characters: an unmasked CSRF secret


def _caller(path: str, cookies: dict[str, str]) -> Call:
    """One trivial POST through the WSGI handler, as gunicorn would make it."""
    body = f"csrfmiddlewaretoken={CSRF_SECRET}&n=1".encode()
    return wsgi_call("POST", path, cookies, lambda: body)


def _queries(call: Call) -> int:
    from django.db import connection

    count = 0

    def counter(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        call()
    return count


def _cpu_ms(call: Call, n: int) -> tuple[float, float]:
    """CPU ms and wall-clock ms per request (the second includes the database's answer,
    and on a busy machine the waits for a core)."""
    for _ in range(min(200, n)):  # warm: imports, URL resolver, translations
        call()
    started, wall = time.process_time(), time.perf_counter()
    for _ in range(n):
        call()
    cpu = (time.process_time() - started) * 1000 / n
    return cpu, (time.perf_counter() - wall) * 1000 / n


def measure(requests: int, top: int, sort: str) -> None:
    from tongxin.testing.province import build_tiny_province

    student = build_tiny_province().student_a
    anonymous = _caller("/bench/ceiling/post/anyone/", {"csrftoken": CSRF_SECRET})
    logged_in = _caller(
        "/bench/ceiling/post/", {"csrftoken": CSRF_SECRET, "sessionid": login_cookie(student)}
    )
    for name, call in (("anonymous", anonymous), ("logged in", logged_in)):
        if (status := call()) != "200 OK":
            raise RuntimeError(f"{name}: {status}")
    figures = {
        name: (_cpu_ms(call, requests), _queries(call))
        for name, call in (("anonymous", anonymous), ("logged in", logged_in))
    }
    for name, ((cpu, wall), queries) in figures.items():
        print(
            f"{name:<10} {cpu:6.3f} CPU ms/request  {wall:6.3f} wall ms/request  "
            f"{queries} SQL/request  (n={requests})"
        )
    (cpu_in, wall_in), (cpu_out, wall_out) = figures["logged in"][0], figures["anonymous"][0]
    print(f"ratio      {cpu_in / cpu_out:.2f} CPU  {wall_in / wall_out:.2f} wall")
    print_profile(logged_in, requests, sort=sort, top=top)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench/profile_floor.py", description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative", help="a pstats sort key (tottime …)")
    args = parser.parse_args(argv)
    scratch = configure("tongxin-floor-")
    from django.db import connection

    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        measure(args.requests, args.top, args.sort)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
