"""A small HTTP load client: real sessions (login through /accounts/login/), CSRF tokens
taken from the forms, one keep-alive connection per thread. Standard library only."""

import http.client
import re
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

HOST = "127.0.0.1"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUERIES = "X-Bench-Queries"


@dataclass
class Response:
    status: int
    body: str
    queries: int | None
    location: str = ""


class Session:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Response:
        headers = {"Host": f"{HOST}:{self.port}", "User-Agent": "tongxin-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            raw = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            raise
        text = raw.read().decode("utf-8", "replace")
        for header, value in raw.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        queries = raw.getheader(QUERIES)
        return Response(
            raw.status, text, int(queries) if queries else None, raw.getheader("Location") or ""
        )

    def token(self, path: str) -> str:
        found = TOKEN.search(self.request("GET", path).body)
        return found.group(1) if found else self.cookies.get("csrftoken", "")

    def login(self, who: dict[str, str]) -> None:
        token = self.token("/accounts/login/")
        form = {"csrfmiddlewaretoken": token} | who
        response = self.request("POST", "/accounts/login/", form)
        if response.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login failed for {who.get('login')}: {response.status}")


# One operation: returns (ok, latency of the measured request, its query count), or None
# when it has nothing left to do (the vote burst: every delegate voted) — the connection stops.
Operation = Callable[[Session], tuple[bool, float, int | None] | None]


def timed(
    session: Session, method: str, path: str, form: dict[str, str] | None, ok: set[int]
) -> tuple[bool, float, int | None]:
    started = time.perf_counter()
    try:
        response = session.request(method, path, form)
    except (http.client.HTTPException, OSError):
        return False, time.perf_counter() - started, None
    return response.status in ok, time.perf_counter() - started, response.queries


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    ok: int = 0
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, ok: bool, latency: float, queries: int | None) -> None:
        with self.lock:
            self.latencies.append(latency)
            if queries is not None:
                self.queries.append(queries)
            if ok:
                self.ok += 1
            else:
                self.errors += 1


def drive(
    sessions: list[Session], operation: Operation, seconds: float, max_ops: int
) -> tuple[Tally, float]:
    """Each session runs the operation in its own thread until the time or the count is up."""
    tally = Tally()
    deadline = time.monotonic() + seconds
    budget = threading.Semaphore(max_ops)

    def loop(session: Session) -> None:
        while time.monotonic() < deadline and budget.acquire(blocking=False):
            result = operation(session)
            if result is None:
                break
            tally.add(*result)

    threads = [threading.Thread(target=loop, args=(s,)) for s in sessions]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.monotonic() - started
