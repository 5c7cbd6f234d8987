"""Figures summed from the rollups, remembered in the process until the rollups change.

The rollups change only when the fold moves its watermark (every 5 minutes, fold.py; a
reset or rebuild saves it too), so a sum keyed by the watermark's last save is exact, not
stale: the province overview sums a few hundred schools' rows on every page, and six
federation readers at once put its p95 past 150 ms on two cores (docs/performance.md,
issue 12). One small query asks for the watermark; a hit skips the sums.
"""

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from .fold import WATERMARK
from .models import FoldWatermark

T = TypeVar("T")
LIMIT = 512  # sums remembered per process; beyond it the memo starts afresh
_memo: dict[tuple[Any, ...], Any] = {}


def rollups_version() -> Hashable:
    """What changes whenever the rollups do: the watermark's last save (none before the
    first fold)."""
    return FoldWatermark.objects.filter(name=WATERMARK).values_list("updated_at", flat=True).first()


def remembered(key: tuple[Any, ...], version: Hashable, compute: Callable[[], T]) -> T:
    full = (key, version)
    if full in _memo:
        return _memo[full]
    if len(_memo) >= LIMIT:
        _memo.clear()
    value = _memo[full] = compute()
    return value


def forget_sums() -> None:
    _memo.clear()
