"""The Markdown rendering of a bench/run result, and the machine it ran on."""

import os
import platform
from typing import Any

import writers


def machine() -> dict[str, Any]:
    memory = 0
    try:
        with open("/proc/meminfo") as info:
            memory = (
                int(next(line for line in info if line.startswith("MemTotal")).split()[1]) // 1024
            )
    except (OSError, StopIteration):
        pass
    return {
        "cpus": os.cpu_count(),
        "memory_mb": memory,
        "python": platform.python_version(),
        "kernel": platform.release(),
    }


def one_line(r: dict[str, Any]) -> str:
    return (
        f"{r['scenario']:<13} c={r['connections']} {r['client']:<6} {r['rps']:>8} req/s "
        f"p50 {r['p50_ms']} p95 {r['p95_ms']} p99 {r['p99_ms']} ms errors {r['errors']} "
        f"queries {r.get('queries')}"
        + (f" count_check {r['count_check']}" if "count_check" in r else "")
        + (
            f" events {r['events_added']} chains_verified {r['chains_verified']}"
            f" duplicate_seqs {r['duplicate_seqs']} writers_check {r['writers_check']}"
            if "writers_check" in r
            else ""
        )
        + (f" matched {r['matched_rows']} rows" if "matched_rows" in r else "")
        + (
            f" events {r['events_added']} proposal_check {r['proposal_check']}"
            if "proposal_check" in r
            else ""
        )
        + (
            f" ballots {r['ballots_added']} ballot_check {r['ballot_check']}"
            if "ballot_check" in r
            else ""
        )
        + (
            f" (POST alone p50 {r['post_p50_ms']} p95 {r['post_p95_ms']})"
            if "post_p50_ms" in r
            else ""
        )
    )


def _ceiling(results: list[dict[str, Any]], r: dict[str, Any]) -> str:
    posts = {"submit", "ceiling_post", writers.ONE, writers.SIX}
    base = "ceiling_post" if r["scenario"] in posts else "ceiling_get"
    ceiling = next(
        (c for c in results if c["scenario"] == base and c["connections"] == r["connections"]), None
    )
    if ceiling is None or not ceiling["rps"]:
        return ""
    return f"{r['rps'] / ceiling['rps']:.3f}"


def floor_ratios(results: list[dict[str, Any]]) -> dict[str, float]:
    """Per connection count: what a logged-in trivial POST costs over an anonymous one,
    as anonymous req/s ÷ logged-in req/s (issue 12: at most 2)."""
    rates = {(r["scenario"], r["connections"]): r["rps"] for r in results}
    return {
        str(conns): round(anonymous / rates[("ceiling_post", conns)], 2)
        for (name, conns), anonymous in rates.items()
        if name == "ceiling_post_anon" and rates.get(("ceiling_post", conns))
    }


def queue_flatness(results: list[dict[str, Any]]) -> dict[str, float]:
    """Per connection count: the queue's p95 over thousands of matching rows ÷ its p95 over
    a few dozen (issue 12: at most 1.2 — the page reads only the rows it shows)."""
    p95 = {(r["scenario"], r["connections"]): r["p95_ms"] for r in results}
    return {
        str(conns): round(many / p95[("queue_few", conns)], 2)
        for (name, conns), many in p95.items()
        if name == "queue" and p95.get(("queue_few", conns))
    }


def render(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        f"# bench/run {report['label']} — {report['when']}",
        "",
        f"Engine {report['engine']}, {report['workers']} gunicorn sync workers, "
        f"{report['seconds_per_scenario']} s per scenario; "
        f"{m['cpus']} CPUs, {m['memory_mb']} MB, Python {m['python']}; "
        f"{report.get('issues', '?')} issues in the database at the start; "
        f"load average before the run {report.get('load_average_before', '?')}, "
        f"after it {report.get('load_average_after', '?')}.",
        "",
        "| scenario | conns | client | req/s | ratio to ceiling | p50 ms | p95 ms | p99 ms "
        "| errors | SQL/req | count check | rows matched |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in report["scenarios"]:
        check = r.get("count_check", r.get("proposal_check", r.get("ballot_check", "")))
        lines.append(
            f"| {r['label']} | {r['connections']} | {r['client']} | {r['rps']} "
            f"| {_ceiling(report['scenarios'], r)} | "
            f"{r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['errors']} | {r.get('queries')} | "
            f"{check} | {r.get('matched_rows', '')} |"
        )
    floor = ", ".join(f"{c} conns {v}×" for c, v in report.get("floor_ratios", {}).items())
    flat = ", ".join(f"{c} conns {v}×" for c, v in report.get("queue_flatness", {}).items())
    peaks = report["worker_peak_rss_mb"]
    lines += [
        "",
        f"Logged-in floor (anonymous ÷ logged-in trivial POST req/s): {floor or 'n/a'}",
        "",
        f"Queue flatness (p95 over the backlog ÷ p95 over a few dozen rows): {flat or 'n/a'}",
        "",
        writers.line(report.get("writers", {})),
        "",
        "Proposals (issue 14): nothing lost or doubled in the submission and co-signing "
        f"scenarios: {report.get('proposal_checks_ok', 'n/a')}",
        "",
        "Elections (issue 15): nothing lost or doubled in the vote burst (register = ballots "
        f"cast = every candidate's yes + no + abstain): {report.get('ballot_checks_ok', 'n/a')}",
        "",
        f"Peak RSS per worker (MB): {', '.join(str(v) for v in peaks.values()) or 'n/a'}",
        "",
    ]
    for pid, m in report.get("worker_memory_mb", {}).items():
        lines.append(
            f"- worker {pid} at the end (MB): peak RSS {m['peak_rss']}, RSS {m['rss']}, "
            f"PSS {m['pss']}, USS (private) {m['uss']}"
        )
    lines.append("")
    for name, o in report["oneoffs"].items():
        lines.append(
            f"- {name}: median {o['median_s']} s of runs {o['runs_s']} ({o.get('school', '')})"
        )
    return "\n".join(lines) + "\n"
