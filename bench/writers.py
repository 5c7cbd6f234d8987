"""Writers of one school beside writers of six schools: each scenario's nothing-lost /
nothing-doubled verdict, and the two rates side by side (docs/performance.md, "Writers of
one school"). The counts come from `tongxin bench chains` (tongxin/bench/chains.py)."""

from typing import Any

ONE, SIX = "submit_one_school", "submit_six_schools"


def compare(before: dict[str, Any], after: dict[str, Any], ok: int) -> dict[str, Any]:
    """Every successful response made exactly one issue and exactly one submission event,
    every touched chain still verifies, and no (chain, seq) occurs twice."""
    issues = after["issues"] - before["issues"]
    events = after["submitted_events"] - before["submitted_events"]
    passed = (
        issues == ok and events == ok and after["chains_verified"] and after["duplicate_seqs"] == 0
    )
    return {
        "issues_added": issues,
        "events_added": events,
        "chains_verified": after["chains_verified"],
        "chain_problems": after["problems"],
        "duplicate_seqs": after["duplicate_seqs"],
        "count_check": issues == ok,
        "writers_check": passed,
    }


def writers(results: list[dict[str, Any]]) -> dict[str, Any]:
    """One school's submissions/s over six schools' (near 1: the chain head is not the limit;
    well below 1: one school's writers queue behind its head)."""
    one = next((r for r in results if r["scenario"] == ONE), None)
    six = next((r for r in results if r["scenario"] == SIX), None)
    if one is None or six is None:
        return {}
    return {
        "one_school_rps": one["rps"],
        "six_schools_rps": six["rps"],
        "six_schools_count": six.get("schools"),
        "ratio": round(one["rps"] / six["rps"], 2) if six["rps"] else None,
        "checks_ok": bool(one.get("writers_check") and six.get("writers_check")),
    }


def line(summary: dict[str, Any]) -> str:
    if not summary:
        return "Writers of one school: n/a"
    return (
        f"Writers of one school: one school {summary['one_school_rps']} submissions/s, "
        f"six schools ({summary['six_schools_count']} distinct) {summary['six_schools_rps']}/s, "
        f"ratio {summary['ratio']}; nothing lost or doubled, chains verified: "
        f"{summary['checks_ok']}"
    )
