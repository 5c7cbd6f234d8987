"""An app registers itself: the throwaway app (tongxin.testing.throwaway), enabled only in
its own settings module, reaches the menu, home page, to-do list, API and matrix without a
line elsewhere. django-ninja builds its routers once per process, so it runs in its own."""

import os
import subprocess
import sys
from pathlib import Path

import tongxin.testing.throwaway as throwaway
from tongxin.testing.province import PERSONAS

ROOT = Path(__file__).resolve().parents[1]


def _pytest(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["TONGXIN_DATA_DIR"] = str(tmp_path / "var")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--ds=tongxin.testing.throwaway_settings", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_throwaway_app_shows_everywhere_from_its_own_folder(tmp_path: Path) -> None:
    checks = Path(throwaway.__file__).with_name("checks.py")
    matrix = ROOT / "tests" / "test_authorization_matrix.py"
    done = _pytest(tmp_path, str(checks), f"{matrix}::test_matrix", "-k", "throwaway or checks")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    # The six checks, and the throwaway's matrix row for every persona.
    expected = 6 + len(PERSONAS)
    assert f"{expected} passed" in done.stdout, done.stdout[-2000:]
