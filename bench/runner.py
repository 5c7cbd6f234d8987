"""bench/run: the production server under load on 127.0.0.1, results as JSON and Markdown.

See docs/performance.md for what each scenario is and how to read the figures."""

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import elections
import markdown_report
import proposals
import wrkload
from client import Session, drive
from scenarios import POST_LATENCIES, Scenario, operation, scenarios, sessions_for
from server import Server
from stats import percentile, summary
from writers import compare, writers

ROOT = Path(__file__).resolve().parent.parent
TONGXIN = Path(os.environ.get("TONGXIN_BIN", ROOT / ".venv" / "bin" / "tongxin"))


def bench_env() -> dict[str, str]:
    return os.environ | {"TONGXIN_BENCH": "1", "DJANGO_SETTINGS_MODULE": "tongxin.bench.settings"}


def manage(*args: str, timeout: float = 600) -> str:
    done = subprocess.run(
        [str(TONGXIN), "bench", *args],
        env=bench_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"tongxin bench {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="Python client only, 2 s per scenario, no one-offs"
    )
    parser.add_argument(
        "--seconds", type=int, default=20, help="per scenario and concurrency (max 30)"
    )
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--connections", default="1,6")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    parser.add_argument("--no-oneoffs", action="store_true")
    parser.add_argument("--label", default="", help="a name for this run (e.g. the scale)")
    parser.add_argument(
        "--only", default="", help="comma-separated scenario names (default: all of them)"
    )
    parser.add_argument(
        "--client-cpus",
        default="",
        help="pin the load client (and wrk) to these CPUs, e.g. 0; the server keeps all",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.max_requests, args.no_oneoffs = 2, 400, True
    args.seconds = min(args.seconds, 30)
    return args


def login(session: Session, who: dict[str, str]) -> None:
    session.login(who)


def run_python(
    scenario: Scenario, personas: dict[str, Any], args: argparse.Namespace, connections: int
) -> dict[str, Any]:
    sessions = sessions_for(scenario, personas, args.port, connections, login)
    POST_LATENCIES.clear()
    tally, elapsed = drive(
        sessions,
        operation(scenario, personas["category_id"], personas),
        args.seconds,
        args.max_requests,
    )
    result = summary(tally.latencies, tally.ok, tally.errors, elapsed, tally.queries)
    if scenario.kind == "submit" and POST_LATENCIES:  # the POST alone, inside each pair
        result["post_p50_ms"] = round(percentile(POST_LATENCIES, 0.50) * 1000, 1)
        result["post_p95_ms"] = round(percentile(POST_LATENCIES, 0.95) * 1000, 1)
    return result | {"client": "python"}


def run_wrk(
    scenario: Scenario, personas: dict[str, Any], args: argparse.Namespace, connections: int
) -> dict[str, Any]:
    probe = sessions_for(scenario, personas, args.port, 1, login)[0]
    form = None
    if scenario.kind == "post":  # the trivial CSRF POST: the token is the cookie's secret
        form = {"csrfmiddlewaretoken": probe.cookies.get("csrftoken", ""), "n": "1"}
    method = "GET" if form is None else "POST"
    queries = [
        r.queries
        for r in (probe.request(method, scenario.path, form) for _ in range(3))
        if r.queries is not None
    ]
    url = f"http://127.0.0.1:{args.port}{scenario.path}"
    result = wrkload.run_wrk(url, probe.cookies, connections, args.seconds, form)
    return result | {"client": "wrk", "queries": min(queries) if queries else None}


def run_scenario(
    scenario: Scenario,
    personas: dict[str, Any],
    args: argparse.Namespace,
    server: Server,
    connections: int,
) -> dict[str, Any]:
    # wrk for GETs and the trivial POSTs (the python client would be the limit there);
    # the submissions stay with the python client, which reads each form's token.
    by_wrk = scenario.is_get or scenario.kind == "post"
    use_wrk = by_wrk and not args.quick and wrkload.available()
    before = int(manage("count")) if scenario.kind == "submit" else 0
    schools = personas.get("writer_schools", {}).get(scenario.persona, [])
    chains = _chains(schools) if scenario.kind == "write" else {}
    proposal_kinds = (proposals.PROPOSE, proposals.COSIGN)
    session_id = personas.get("proposal_session")
    counted = _proposals(session_id) if scenario.kind in proposal_kinds else {}
    round_id = personas.get("vote_round")
    ballots = _ballots(round_id) if scenario.kind == elections.VOTE else {}
    if use_wrk:
        result = run_wrk(scenario, personas, args, connections)
    else:
        result = run_python(scenario, personas, args, connections)
    if scenario.kind == "submit":
        after = int(manage("count"))
        result["issues_added"] = after - before
        result["count_check"] = after - before == result["ok"]
    if scenario.kind == "write":  # nothing lost, nothing doubled, every chain intact
        result |= compare(chains, _chains(schools), result["ok"]) | {"schools": len(schools)}
    if scenario.kind in proposal_kinds:  # nothing lost, nothing doubled
        result |= proposals.compare(scenario.kind, counted, _proposals(session_id), result["ok"])
    if scenario.kind == elections.VOTE:  # nothing lost, nothing doubled
        result |= elections.compare(ballots, _ballots(round_id), result["ok"])
    result["worker_peak_rss_mb"] = server.peak_rss_mb()
    matched = personas.get("matched", {}).get(scenario.name)
    if matched is not None:  # a list scenario: how many rows its filter matches
        result["matched_rows"] = matched
    return result | {"scenario": scenario.name, "label": scenario.label, "connections": connections}


def _chains(schools: list[int]) -> dict[str, Any]:
    """Issues, submission events and the verdict of these schools' audit chains (server side)."""
    state: dict[str, Any] = json.loads(
        manage("chains", "--schools", ",".join(str(pk) for pk in schools))
    )
    return state


def _proposals(session_id: int) -> dict[str, Any]:
    """The proposal scenarios' counts in the bench session (server side)."""
    state: dict[str, Any] = json.loads(manage("proposals", "--session", str(session_id)))
    return state


def _ballots(round_id: int) -> dict[str, Any]:
    """The vote burst's counts in the bench round (server side)."""
    state: dict[str, Any] = json.loads(manage("ballots", "--round", str(round_id)))
    return state


def _load_average() -> list[float]:
    """1-, 5- and 15-minute load averages when the run starts (a quiet machine: low)."""
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except OSError:
        return []


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    load_before = _load_average()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    personas = json.loads(manage("prepare"))
    issues_before = int(manage("count"))  # the data scale, before the submissions add theirs
    server = Server(TONGXIN, args.port, args.workers, bench_env(), out / "server.log")
    results: list[dict[str, Any]] = []
    try:
        server.wait_ready()
        if args.client_cpus:  # after the server started: it keeps every CPU
            os.sched_setaffinity(0, {int(c) for c in args.client_cpus.split(",")})
        chosen = set(args.only.split(",")) if args.only else None
        for scenario in scenarios(personas):
            if chosen is not None and scenario.name not in chosen:
                continue
            counts = scenario.connections or [int(c) for c in args.connections.split(",")]
            for connections in counts:
                result = run_scenario(scenario, personas, args, server, connections)
                print(markdown_report.one_line(result), flush=True)
                results.append(result)
        peaks = server.peak_rss_mb()
        memory = server.memory_mb()
    finally:
        server.stop()
    oneoffs = {} if args.no_oneoffs else json.loads(manage("oneoffs", timeout=1800))
    report = {
        "label": args.label,
        "issues": issues_before,
        "load_average_before": load_before,
        "load_average_after": _load_average(),
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "engine": "postgresql" if os.environ.get("DATABASE_URL") else "sqlite",
        "machine": markdown_report.machine(),
        "workers": args.workers,
        "seconds_per_scenario": args.seconds,
        "client_cpus": args.client_cpus or "all",
        "quick": args.quick,
        "scenarios": results,
        "worker_peak_rss_mb": peaks,
        "worker_memory_mb": memory,
        "oneoffs": oneoffs,
        "floor_ratios": markdown_report.floor_ratios(results),
        "queue_flatness": markdown_report.queue_flatness(results),
        "submission_counts_ok": all(r.get("count_check", True) for r in results),
        "proposal_checks_ok": all(r.get("proposal_check", True) for r in results),
        "ballot_checks_ok": all(r.get("ballot_check", True) for r in results),
        "writers": writers(results),
        "errors": sum(r["errors"] for r in results),
    }
    (out / "results.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    (out / "results.md").write_text(markdown_report.render(report))
    print(f"results: {out / 'results.json'} and {out / 'results.md'}")
    imports = oneoffs.get("people_import", {}).get("statuses", [])
    report_ok = (
        report["submission_counts_ok"]
        and all(r.get("writers_check", True) for r in results)
        and report["proposal_checks_ok"]
        and report["ballot_checks_ok"]
        and report["errors"] == 0
    )
    if any(status != "done" for status in imports):
        print(f"people import did not finish: {imports}")
        report_ok = False
    return 0 if report_ok else 1


if __name__ == "__main__":
    started = time.monotonic()
    code = main(sys.argv[1:])
    print(f"bench/run finished in {time.monotonic() - started:.0f} s")
    sys.exit(code)
