"""Smoke test of the benchmark suite (not timing): generate the tiny scale into a scratch
SQLite data dir, run `bench/run --quick` against it, and check that every scenario ran
without errors and that no submission was lost or doubled (the writer scenarios: nor an
audit event, and their schools' chains verify; the proposal scenarios: nor a proposal,
a number or a co-signature; the vote burst: nor a ballot)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tongxin.testing.processes import free_port

ROOT = Path(__file__).resolve().parents[4]
TONGXIN = Path(sys.executable).with_name("tongxin")
SCENARIOS = {
    "ceiling_get",
    "ceiling_post",
    "ceiling_post_anon",
    "submit",
    "submit_one_school",
    "submit_six_schools",
    "queue",
    "queue_few",
    "submit_form",
    "mine",
    "detail",
    "school_stats",
    "overview",
    "reform_heatmap",
    "reform_heatmap_city",
    "proposal_submit",
    "proposal_cosign",
    "vote_burst",
}


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    return env | {
        "TONGXIN_DATA_DIR": str(data_dir),
        "TONGXIN_BENCH": "1",
        "DJANGO_SETTINGS_MODULE": "tongxin.bench.settings",
        "TONGXIN_BIN": str(TONGXIN),
    }


@pytest.mark.skipif(not TONGXIN.exists(), reason="the tongxin console script is not installed")
def test_bench_quick_run_loses_nothing(tmp_path: Path) -> None:
    env = _env(tmp_path)
    subprocess.run(
        [str(TONGXIN), "bench", "generate", "--scale", "tiny"],
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=300,
    )
    out = tmp_path / "results"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run"),
            "--quick",
            "--port",
            str(free_port()),
            "--out",
            str(out),
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    report = json.loads((out / "results.json").read_text())
    assert {r["scenario"] for r in report["scenarios"]} == SCENARIOS
    assert all(r["errors"] == 0 and r["ok"] > 0 for r in report["scenarios"])
    # The list scenarios say how many rows their filter matched (counted before timing).
    lists = {r["scenario"]: r for r in report["scenarios"] if "matched_rows" in r}
    assert set(lists) == {"queue", "queue_few", "mine"}
    assert all(r["matched_rows"] > 0 for r in lists.values())
    # The backlog: the queue's two filters match many rows and a few (tiny scale: 100 and 5
    # generated, plus whatever the year of issues left open in those states).
    assert lists["queue"]["matched_rows"] >= 100 > lists["queue_few"]["matched_rows"] >= 5
    assert set(report["queue_flatness"]) == {"1", "6"}
    assert "rows matched" in (out / "results.md").read_text()
    submits = [r for r in report["scenarios"] if r["scenario"] == "submit"]
    assert submits and all(r["count_check"] for r in submits)
    assert report["submission_counts_ok"] is True
    # The logged-in ceiling beside the anonymous one, compared (untimed here: only present).
    assert set(report["floor_ratios"]) == {"1", "6"}
    # Six writers of one school beside six of (here, at tiny scale, three) schools, at six
    # connections only: nothing lost or doubled, every touched chain verified.
    writers = [
        r
        for r in report["scenarios"]
        if r["scenario"] in {"submit_one_school", "submit_six_schools"}
    ]
    assert {r["connections"] for r in writers} == {6}
    for r in writers:
        assert r["issues_added"] == r["events_added"] == r["ok"]
        assert r["chains_verified"] and r["duplicate_seqs"] == 0 and r["writers_check"]
    assert report["writers"]["checks_ok"] is True and report["writers"]["ratio"] is not None
    assert "Writers of one school: one school" in (out / "results.md").read_text()
    # Proposals: six delegates submitting at once, six confirming the same invitations at
    # once; every success is one proposal numbered once (no gap) or one confirmation.
    proposals = {r["scenario"]: r for r in report["scenarios"] if "proposal_check" in r}
    assert set(proposals) == {"proposal_submit", "proposal_cosign"}
    assert all(r["connections"] == 6 and r["proposal_check"] for r in proposals.values())
    assert proposals["proposal_submit"]["proposals_added"] == proposals["proposal_submit"]["ok"]
    assert proposals["proposal_cosign"]["confirmed_added"] == proposals["proposal_cosign"]["ok"]
    assert report["proposal_checks_ok"] is True
    # Elections: every delegate of one round voting, six at once, each twice; every success
    # one register row and one ballot counted, every candidate's yes + no + abstain equal.
    votes = [r for r in report["scenarios"] if r["scenario"] == "vote_burst"]
    assert len(votes) == 1 and votes[0]["connections"] == 6
    assert votes[0]["ballots_added"] == votes[0]["register_added"] == votes[0]["ok"] > 0
    assert votes[0]["tally_sums_ok"] and votes[0]["ballot_check"]
    assert report["ballot_checks_ok"] is True
    assert "nothing lost or doubled in the vote burst" in (out / "results.md").read_text()
