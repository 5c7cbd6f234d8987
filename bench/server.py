"""Start and stop `tongxin serve` (gunicorn, sync workers) and read its workers' memory."""

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path


class Server:
    def __init__(
        self, tongxin: Path, port: int, workers: int, env: dict[str, str], log: Path
    ) -> None:
        self.port = port
        self.log = log.open("ab")
        argv = [
            str(tongxin),
            "serve",
            "--workers",
            str(workers),
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
        ]
        self.process = subprocess.Popen(
            argv, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"server exited with {self.process.returncode}; see {self.log.name}"
                )
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/healthz", timeout=2
                ) as r:
                    if r.status == 200 and len(self.workers()) > 0:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("server did not answer /healthz in time")

    def workers(self) -> list[int]:
        """Gunicorn's workers: the processes whose parent is the master (our child)."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(entry.name))
        return sorted(found)

    def peak_rss_mb(self) -> dict[str, float]:
        """VmHWM (peak resident set) of each worker, in MB."""
        peaks = {}
        for pid in self.workers():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks[str(pid)] = round(int(line.split()[1]) / 1024, 1)
            except OSError:
                continue
        return peaks

    def memory_mb(self) -> dict[str, dict[str, float]]:
        """Each worker's memory now, in MB: RSS, PSS (shared pages divided among the
        processes sharing them) and USS (private pages only: what the worker adds), from
        /proc/<pid>/smaps_rollup, with VmHWM (the peak RSS)."""
        found = {}
        for pid in self.workers():
            figures: dict[str, float] = {}
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    name, _, rest = line.partition(":")
                    if name in {"Rss", "Pss", "Private_Clean", "Private_Dirty"}:
                        figures[name] = int(rest.split()[0]) / 1024
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        figures["VmHWM"] = int(line.split()[1]) / 1024
            except OSError:
                continue
            found[str(pid)] = {
                "peak_rss": round(figures.get("VmHWM", 0.0), 1),
                "rss": round(figures.get("Rss", 0.0), 1),
                "pss": round(figures.get("Pss", 0.0), 1),
                "uss": round(
                    figures.get("Private_Clean", 0.0) + figures.get("Private_Dirty", 0.0), 1
                ),
            }
        return found

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
