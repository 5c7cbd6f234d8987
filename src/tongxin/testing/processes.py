"""Helpers for tests that run `tongxin` as a real process (serve, worker, demo, bench)."""

import os
import socket
import subprocess
import sys
from pathlib import Path

TONGXIN = str(Path(sys.executable).with_name("tongxin"))


def free_port() -> int:
    """A port nobody listens on now: test runs of other checkouts may run at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def migrated_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a process with its own SQLite database under `tmp_path`, migrated."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["TONGXIN_DATA_DIR"] = str(tmp_path / "var")
    subprocess.run([TONGXIN, "migrate", "-v0"], env=env, check=True, cwd=tmp_path, timeout=120)
    return env
