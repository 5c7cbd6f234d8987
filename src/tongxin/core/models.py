from django.db import models


class PeriodicRun(models.Model):
    """One row per (job, period) that has been enqueued. The unique constraint lets several
    workers run the scheduler without ever running a period twice."""

    job = models.CharField(max_length=80)
    period = models.CharField(max_length=40)
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="core_periodic_run_once")
        ]

    def __str__(self) -> str:
        return f"{self.job}@{self.period}"
