"""The statistics pages read rollups that the worker folds from the rights timeline every
five minutes (tongxin.stats.fold). After writing a year of issues at once, the demo folds
them itself so that the pages show the year as soon as the build ends.

Folding a year batch by batch adds each batch into the rows that earlier batches created:
a bulk UPDATE per batch, over a minute of work for the demo's year (and quadratic on
PostgreSQL, where Django puts a whole batch into one CASE). The fold only ever adds, and
a fresh demo's rollups are empty, so here every batch counts into one shared tally that
is written once, as new rows. The counting stays the fold's own; only the moment of
writing changes (tests/test_issues.py checks the result equals batch-by-batch folding).

This is the one place that calls into the statistics app: if its fold changes, only this
function changes.
"""

import datetime
from typing import Any

FOLD_BATCH = 50_000  # events (or clocks) read per query
FOLD_BATCHES = 10_000  # enough for any demo; the fold stops by itself when nothing is left


def fold_statistics(now: datetime.datetime) -> int:
    """Fold everything up to `now` into the rollups; returns the rows read."""
    from tongxin.stats import fold

    if not isinstance(getattr(fold, "Tally", None), type):  # the fold changed shape
        return _fold_batch_by_batch(now)

    class OneTally(fold.Tally):
        def apply(self) -> None:  # a batch is done: keep counting
            pass

        def write(self) -> None:
            super().apply()

    tally = OneTally()
    original: Any = fold.Tally
    fold.Tally = lambda: tally  # type: ignore[misc,assignment]
    try:
        result = fold.fold_rights_activity(now=now, batch=FOLD_BATCH, max_batches=FOLD_BATCHES)
    finally:
        fold.Tally = original  # type: ignore[misc]
    tally.write()
    return result.events + result.clocks


def _fold_batch_by_batch(now: datetime.datetime) -> int:
    from tongxin.stats.fold import fold_rights_activity

    result = fold_rights_activity(now=now, batch=2_000, max_batches=FOLD_BATCHES)
    return result.events + result.clocks
