"""The scaling table: the same scenarios at two data scales, side by side.

    bench/scaling bench/latest/medium/results.json bench/latest/province/results.json

For every scenario and connection count: requests per second, p95 and SQL statements per
request at each scale, and the p95 ratio (second / first). Issue 5's rule: from 100,000
to 2,000,000 issues the list and statistics pages' p95 grows by less than 1.5×."""

import argparse
import json
import sys
from pathlib import Path
from typing import Any

LIMIT = 1.5
# the list and statistics pages the 1.5× rule is about
PAGES = {"queue", "mine", "detail", "school_stats", "overview"}


def _issues(report: dict[str, Any]) -> str:
    issues = report.get("issues")
    return f"{issues:,}" if isinstance(issues, int) else str(report.get("label") or "?")


def _verdict(name: str, ratio: float | None) -> str:
    if ratio is None or name not in PAGES:
        return ""
    return f"flat (< {LIMIT}×)" if ratio < LIMIT else f"**grows** (≥ {LIMIT}×)"


def table(small: dict[str, Any], large: dict[str, Any]) -> str:
    a, b = _issues(small), _issues(large)
    index = {(r["scenario"], r["connections"]): r for r in small["scenarios"]}
    lines = [
        f"| scenario | conns | req/s {a} | req/s {b} | p95 ms {a} | p95 ms {b} "
        f"| p95 ratio {b}/{a} | SQL {a} | SQL {b} | |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in large["scenarios"]:
        s = index.get((r["scenario"], r["connections"]))
        if s is None:
            continue
        ratio = r["p95_ms"] / s["p95_ms"] if s["p95_ms"] else None
        shown = f"{ratio:.2f}" if ratio is not None else ""
        lines.append(
            f"| {r['label']} | {r['connections']} | {s['rps']} | {r['rps']} | {s['p95_ms']} "
            f"| {r['p95_ms']} | {shown} | {s.get('queries')} | {r.get('queries')} "
            f"| {_verdict(r['scenario'], ratio)} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench/scaling", description=__doc__)
    parser.add_argument("smaller", help="results.json of the smaller scale (e.g. medium)")
    parser.add_argument("larger", help="results.json of the larger scale (e.g. province)")
    args = parser.parse_args(argv)
    small = json.loads(Path(args.smaller).read_text())
    large = json.loads(Path(args.larger).read_text())
    sys.stdout.write(table(small, large))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
