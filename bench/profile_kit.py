"""What the in-process profiles share (bench/profile_floor.py, profile_submit.py,
profile_lists.py): bench settings on a scratch data dir, a student's session cookie, one
request through Django's WSGI handler as gunicorn would make it, and a percentile."""

import cProfile
import io
import os
import pstats
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HOST, PORT = "127.0.0.1", "8765"

Call = Callable[[], str]


def configure(prefix: str) -> str | None:
    """Bench settings; a temporary data dir unless TONGXIN_DATA_DIR is set (returned, so
    that it is removed at the end). TONGXIN_SRC profiles another checkout."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "tongxin.bench.settings"
    os.environ["TONGXIN_BENCH"] = "1"
    scratch = None
    if "TONGXIN_DATA_DIR" not in os.environ:
        scratch = os.environ["TONGXIN_DATA_DIR"] = tempfile.mkdtemp(prefix=prefix)
    sys.path.insert(0, os.environ.get("TONGXIN_SRC", str(ROOT / "src")))
    import django

    django.setup()
    return scratch


def login_cookie(student: Any) -> str:
    """The session cookie of `student`, logged in through the login form."""
    from django.test import Client

    from tongxin.testing.province import PASSWORD

    client = Client(HTTP_HOST=f"{HOST}:{PORT}")
    form = {"school_code": student.school.code, "login": student.number, "password": PASSWORD}
    response = client.post("/accounts/login/", form)
    if response.status_code != 302:
        raise RuntimeError(f"login failed: {response.status_code}")
    return str(client.cookies["sessionid"].value)


def wsgi_call(method: str, path: str, cookies: dict[str, str], body: Callable[[], bytes]) -> Call:
    """One request per call through the WSGI handler; `body` gives each call's form body.
    Returns the status line."""
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()
    template = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": HOST,
        "SERVER_PORT": PORT,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": HOST,
        "HTTP_HOST": f"{HOST}:{PORT}",
        "HTTP_USER_AGENT": "tongxin-bench",
        "HTTP_COOKIE": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }

    def call() -> str:
        data = body()
        environ = dict(
            template, **{"wsgi.input": io.BytesIO(data), "CONTENT_LENGTH": str(len(data))}
        )
        status: list[str] = []
        result = handler(environ, lambda s, headers, exc_info=None: status.append(s))
        b"".join(result)
        result.close()  # request_finished: what gunicorn triggers after each response
        return status[0]

    return call


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def print_profile(call: Call, requests: int, *, sort: str, top: int) -> None:
    """cProfile `requests` calls and print the `top` lines sorted by `sort`."""
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(requests):
        call()
    profile.disable()
    pstats.Stats(profile).strip_dirs().sort_stats(sort).print_stats(top)
