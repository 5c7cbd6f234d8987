"""`tongxin serve` prints the address and, when the demo province exists, the demo logins
once gunicorn listens (issue 9, item 27): `make demo` printed them before the worker and
the server started, and their output buried them."""

import subprocess
import time
from pathlib import Path

from tongxin.testing.processes import TONGXIN, free_port
from tongxin.testing.processes import migrated_env as _env


def _ready_output(env: dict[str, str], cwd: Path) -> str:
    """What the server printed up to its first worker's boot (after when_ready)."""
    port = free_port()
    server = subprocess.Popen(
        [TONGXIN, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 60
        assert server.stdout is not None
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line or "Booting worker" in line:
                break
            lines.append(line)
    finally:
        server.terminate()
        server.communicate(timeout=20)  # drains and closes the pipe
    text = "".join(lines)
    assert f"同心已就绪：http://127.0.0.1:{port}/" in text, text
    return text


def test_serve_prints_the_demo_logins_again_once_ready(tmp_path):
    env = _env(tmp_path)
    subprocess.run(
        [TONGXIN, "demo", "--cities", "1", "--schools", "1", "--students", "8", "--issues", "0"],
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=120,
    )
    out = _ready_output(env, tmp_path)
    ready_at = out.index("同心已就绪")
    assert out.index("所有演示账号的密码：") > ready_at
    assert "用户名 province_admin" in out[ready_at:]
    assert "学校代码 YS001" in out[ready_at:]


def test_serve_without_a_demo_province_prints_only_the_address(tmp_path):
    out = _ready_output(_env(tmp_path), tmp_path)
    assert "演示账号" not in out
