"""The abstract run of a clock; each app subclasses it with its owner and school keys.

    class IssueClock(ClockRun):
        owner_field = "issue"                 # the foreign key to the owner
        issue = models.ForeignKey(Issue, …)
        school = models.ForeignKey("orgs.Node", …)

Each app keeps its own table, indexed by school; no generic foreign key on the hot paths.
"""

import datetime
from typing import Any, ClassVar

from django.db import models


class ClockRun(models.Model):
    """One run of one clock on one owner: when it started, fell due, was paused and met."""

    # The owner's foreign key, and the column holding the kind's code (a subclass that
    # had its own name for it, such as rights' `clock`, sets `kind = None` and names it).
    owner_field: ClassVar[str] = "owner"
    kind_field: ClassVar[str] = "kind"
    # The owner's copies of the running deadline and level (a queue's badge), if it keeps them.
    owner_due_field: ClassVar[str | None] = None
    owner_level_field: ClassVar[str | None] = None

    kind = models.CharField(max_length=40)
    started_at = models.DateTimeField()
    due_at = models.DateTimeField()
    # The working days the deadline counts (None: the kind counts hours or a date). Kept so a
    # deadline recounted on a newly entered calendar keeps its length whatever the settings
    # became since.
    workdays = models.PositiveSmallIntegerField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    # Stopped by a withdrawal before it fell due: the deadline never fell due for anyone.
    cancelled = models.BooleanField(default=False)
    escalation_level = models.PositiveSmallIntegerField(default=0)
    # A paused clock owes `workdays_left`; on resuming it runs that many from `resumed_at`.
    paused_at = models.DateTimeField(null=True, blank=True)
    resumed_at = models.DateTimeField(null=True, blank=True)
    workdays_left = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def kind_code(self) -> str:
        return str(getattr(self, self.kind_field))

    @property
    def owner_pk(self) -> Any:
        return getattr(self, f"{self.owner_field}_id")

    @property
    def is_running(self) -> bool:
        return self.stopped_at is None and self.paused_at is None

    @property
    def met(self) -> bool | None:
        """Stopped by its deadline (None: still open, or cancelled, so never due). A run
        stopped while paused was met: it still owed a working day at least, and
        `clock_stop` gives it the deadline those days give from the stop."""
        if self.stopped_at is None or self.cancelled:
            return None
        return self.stopped_at <= self.due_at

    def segment(self) -> tuple[datetime.datetime, int | None]:
        """When the running stretch began and the working days it counts."""
        if self.resumed_at is not None:
            return self.resumed_at, self.workdays_left
        return self.started_at, self.workdays
