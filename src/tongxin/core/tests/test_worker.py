"""`tongxin worker`'s terminal (issue 9, item 27): `make demo` drowned the logins in 756
"Task id=… state=RUNNING/SUCCESSFUL" lines within minutes. At the default level the worker
now says what it did in a sentence, a failed task in full; per-task lines need -v 2.

Run as the real process in a fresh SQLite data folder, with the settings' own logging."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

TONGXIN = str(Path(sys.executable).with_name("tongxin"))
FAILING = "from tongxin.audit.tasks import verify_audit_chains as t; t.enqueue(bogus=1)"


@pytest.fixture
def data_dir(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "LOG_LEVEL"}
    }
    env["TONGXIN_DATA_DIR"] = str(tmp_path / "var")
    for command in (["migrate", "-v0"], ["shell", "-c", FAILING]):
        subprocess.run(
            [TONGXIN, *command], env=env, check=True, cwd=tmp_path, timeout=120, capture_output=True
        )
    return env


def _worker(env: dict[str, str], cwd: Path, *extra: str) -> str:
    done = subprocess.run(
        [TONGXIN, "worker", "--max-tasks", "3", *extra],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def test_the_worker_summarises_tasks_and_logs_a_failure_in_full(data_dir, tmp_path):
    out = _worker(data_dir, tmp_path)
    per_task = [line for line in out.splitlines() if "state=" in line]
    assert all("state=FAILED" in line for line in per_task), per_task  # only the failure
    assert "Traceback (most recent call last)" in out
    assert "unexpected keyword argument 'bogus'" in out
    assert "完成 2 个后台任务" in out and "失败 1 个（audit.tasks.verify_audit_chains 1 个）" in out
    assert "排入定时任务 audit-verify" in out


def test_the_worker_logs_each_task_at_verbosity_2(data_dir, tmp_path):
    out = _worker(data_dir, tmp_path, "-v", "2")
    assert "state=RUNNING" in out and "state=SUCCESSFUL" in out
