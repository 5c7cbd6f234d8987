"""Figures summed from the rollups, remembered in the process until the rollups change.

The rollups change only when the fold moves its watermark (every 5 minutes, fold.py; a
reset or rebuild saves it too), so a sum keyed by the watermark's last save is exact, not
stale: the province overview sums a few hundred schools' rows on every page, and six
federation readers at once put its p95 past 150 ms on two cores (docs/performance.md,
issue 12). One small query asks for the watermark; a hit skips the sums. The entries live
in core/memo.py's process memo; those of an older watermark are never asked again and
expire.
"""

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from tongxin.core.memo import remember

from .fold import WATERMARK
from .models import FoldWatermark

T = TypeVar("T")
# Longer than the fold's period, so an entry is replaced by a new watermark, not by age.
SUMS_SECONDS = 3600


def rollups_version() -> Hashable:
    """What changes whenever the rollups do: the watermark's last save (none before the
    first fold)."""
    return FoldWatermark.objects.filter(name=WATERMARK).values_list("updated_at", flat=True).first()


def remembered(key: tuple[Any, ...], version: Hashable, compute: Callable[[], T]) -> T:
    return remember(("rollup-sums", key, version), SUMS_SECONDS, compute)
