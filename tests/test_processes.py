"""The real processes a deployment runs: `tongxin serve` (gunicorn + whitenoise) and
`tongxin worker` (database task queue + periodic jobs). Each runs in a fresh SQLite data
folder, as `make demo` would on a new machine."""

import json
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tongxin.testing.processes import TONGXIN, free_port, migrated_env


@pytest.fixture
def data_dir(tmp_path: Path) -> dict[str, str]:
    return migrated_env(tmp_path)


def _get(url: str, deadline: float) -> tuple[int, bytes]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_answers_healthz_and_serves_static_files(
    data_dir: dict[str, str], tmp_path: Path
) -> None:
    subprocess.run(
        [TONGXIN, "collectstatic", "--no-input", "-v0"], env=data_dir, check=True, timeout=120
    )
    port = free_port()
    server = subprocess.Popen(
        [TONGXIN, "serve", "--port", str(port), "--workers", "1"],
        env=data_dir,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        status, body = _get(f"http://127.0.0.1:{port}/healthz", deadline)
        assert status == 200 and json.loads(body) == {"status": "ok", "database": "sqlite"}
        status, login_page = _get(f"http://127.0.0.1:{port}/accounts/login/", deadline)
        css = login_page.decode().split('href="/static/vendor/bootstrap-5.3.9/')[1].split('"')[0]
        assert css.startswith("bootstrap.") and css.endswith(
            ".css"
        )  # hashed by the manifest storage
        status, _body = _get(
            f"http://127.0.0.1:{port}/static/vendor/bootstrap-5.3.9/{css}", deadline
        )
        assert status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_worker_runs_the_periodic_audit_check(data_dir: dict[str, str], tmp_path: Path) -> None:
    subprocess.run(
        [TONGXIN, "worker", "--max-tasks", "1"],
        env=data_dir,
        cwd=tmp_path,
        check=True,
        timeout=60,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    check = (
        "from django_tasks_db.models import DBTaskResult as R;"
        "print(list(R.objects.values_list('task_path', 'status')))"
    )
    out = subprocess.run(
        [TONGXIN, "shell", "-c", check],
        env=data_dir,
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert "tongxin.audit.tasks.verify_audit_chains" in out and "SUCCESSFUL" in out
