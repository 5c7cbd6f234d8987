"""The statistics pages read rollups that the worker folds from the rights timeline every
five minutes (tongxin.stats.fold). After writing a year of issues at once, the demo folds
them itself, in one pass (the statistics app's rebuild), so that the pages show the year
as soon as the build ends.

This is the one place that calls into the statistics app: if its fold changes, only this
function changes.
"""

import datetime


def fold_statistics(now: datetime.datetime) -> int:
    """Fold everything up to `now` into the rollups; returns the rows read."""
    from tongxin.stats.fold import rollups_rebuild

    return rollups_rebuild(now=now)
