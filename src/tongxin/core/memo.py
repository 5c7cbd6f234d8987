"""What a server process remembers for a few seconds: answers that every page asks and
that change rarely (the menu a person sees, the demo flag, the queue's filter choices).

Each entry lives `seconds` (wall clock); `forget()` drops everything (tests start each
case with nothing remembered: conftest.py). Only for answers whose staleness is harmless
for that long — a menu link, a drop-down's choices — never for a permission decision: the
page or service asked still checks for itself.
"""

import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
LIMIT = 20_000  # entries per process; beyond it the memo starts afresh
_memo: dict[Hashable, tuple[float, Any]] = {}


def remember(key: Hashable, seconds: float, compute: Callable[[], T]) -> T:
    """`compute()`'s answer for `key`, asked again once `seconds` have passed."""
    if seconds <= 0:
        return compute()
    now = time.time()
    known = _memo.get(key)
    if known is not None and known[0] > now:
        return known[1]
    if len(_memo) >= LIMIT:
        _memo.clear()
    value = compute()
    _memo[key] = (now + seconds, value)
    return value


def recall(key: Hashable) -> Any:
    """What is remembered for `key` now, or None."""
    known = _memo.get(key)
    return known[1] if known is not None and known[0] > time.time() else None


def keep(key: Hashable, seconds: float, value: Any) -> None:
    """Remember `value` for `key` (answers computed together, e.g. one query for many)."""
    if seconds <= 0:
        return
    if len(_memo) >= LIMIT:
        _memo.clear()
    _memo[key] = (time.time() + seconds, value)


def forget(prefix: str | None = None) -> None:
    """Drop every entry, or those whose key is a tuple starting with `prefix`."""
    if prefix is None:
        _memo.clear()
        return
    for key in [k for k in _memo if isinstance(k, tuple) and k and k[0] == prefix]:
        del _memo[key]
