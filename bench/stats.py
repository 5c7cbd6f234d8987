"""Percentiles and per-scenario result rows."""

import math
import statistics
from typing import Any


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, math.ceil(fraction * len(ordered)) - 1)
    return ordered[index]


def summary(
    latencies: list[float], ok: int, errors: int, elapsed: float, queries: list[int]
) -> dict[str, Any]:
    return {
        "requests": ok + errors,
        "ok": ok,
        "errors": errors,
        "seconds": round(elapsed, 2),
        "rps": round(ok / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "queries": int(statistics.median(queries)) if queries else None,
    }
