"""Histogram buckets of durations (hours) and the median read back from them.

Bucket i holds durations in [EDGES[i], EDGES[i+1]) hours; the last bucket is open-ended.
A median read from buckets is exact to the bucket and interpolated inside it (the
grouped-data median), which is what a rollup can afford.
"""

import bisect
from collections.abc import Mapping

EDGES: tuple[int, ...] = (
    0, 1, 2, 3, 4, 6, 8, 12, 16, 20, 24, 30, 36, 48, 60, 72,
    96, 120, 144, 168, 216, 240, 336, 504, 720,
)  # fmt: skip


def bucket_of(hours: float) -> int:
    """The bucket index of a duration; negative durations (clock skew) count as 0."""
    return max(0, bisect.bisect_right(EDGES, max(hours, 0.0)) - 1)


def median_hours(counts: Mapping[int, int]) -> float | None:
    """The median duration in hours from bucket counts; None when there is nothing."""
    total = sum(n for n in counts.values() if n > 0)
    if total == 0:
        return None
    half, seen = total / 2, 0
    for index in sorted(counts):
        n = counts[index]
        if n <= 0:
            continue
        if seen + n >= half:
            lower = float(EDGES[index])
            if index + 1 >= len(EDGES):
                return lower  # open-ended last bucket: "at least"
            width = EDGES[index + 1] - EDGES[index]
            return lower + width * (half - seen) / n
        seen += n
    return float(EDGES[-1])  # pragma: no cover - the loop always returns


def format_hours(hours: float | None) -> str:
    if hours is None:
        return "—"
    if hours >= EDGES[-1]:
        return f"≥ {EDGES[-1] // 24} 天"
    if hours < 48:
        return f"{hours:.1f} 小时"
    return f"{hours / 24:.1f} 天"
