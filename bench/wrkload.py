"""Drive a GET or a form POST scenario with wrk (Debian's package) using a session's cookies
(a logged-in persona's, or an anonymous one's csrftoken)."""

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

SCRIPT = Path(__file__).with_name("report.lua")


def available() -> bool:
    return shutil.which("wrk") is not None


def run_wrk(
    url: str,
    cookies: dict[str, str],
    connections: int,
    seconds: int,
    form: dict[str, str] | None = None,
) -> dict[str, Any]:
    """GET `url`, or POST `form` (url-encoded) to it when given."""
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    argv = [
        "wrk",
        f"-t{min(connections, 2)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(SCRIPT),
        "-H",
        f"Cookie: {cookie}",
        url,
    ]
    env = dict(os.environ)
    if form is not None:
        env["WRK_METHOD"], env["WRK_BODY"] = "POST", urlencode(form)
    done = subprocess.run(
        argv, capture_output=True, text=True, timeout=seconds + 30, check=True, env=env
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("WRKJSON "))
    raw = json.loads(line.removeprefix("WRKJSON "))
    elapsed = raw["duration_us"] / 1e6
    errors = raw["errors"] + raw["status_errors"]
    return {
        "requests": raw["requests"],
        "ok": raw["requests"] - raw["status_errors"],
        "errors": errors,
        "seconds": round(elapsed, 2),
        "rps": round((raw["requests"] - raw["status_errors"]) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
    }
