"""Statistics of the rights desk, kept in rollups so that pages never scan the issues.

The worker folds the rights timeline (IssueEvent, by id) and the deadline clocks
(IssueClock, by due instant) into one row per (school, local day, category), plus
per-day histograms of durations from which medians are read, and the same again per
local month (the coarse rows that long periods and the cross-school overview read).
Every row carries its school, like every large table.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

# The counters of a rollup row: transitions, ratings, and per clock due/met.
TRANSITION_FIELDS = (
    "received",
    "accepted",
    "declined",
    "merged",
    "withdrawn",
    "referred",
    "answered",
    "reopened",
    "closed",
)
RATING_FIELDS = ("rated_satisfied", "rated_basically", "rated_dissatisfied", "rated_unrated")
CLOCKS = ("first_reply", "decide", "answer", "feedback")
CLOCK_FIELDS = tuple(f"{c}_{s}" for c in CLOCKS for s in ("due", "met"))
COUNTER_FIELDS = TRANSITION_FIELDS + RATING_FIELDS + CLOCK_FIELDS


class FoldWatermark(models.Model):  # 统计汇总进度
    """How far the fold has read: events by id, clocks by (due instant, id)."""

    name = models.CharField(max_length=40, primary_key=True)
    last_event_id = models.BigIntegerField(default=0)
    clock_due_at = models.DateTimeField(null=True, blank=True)
    clock_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name}@{self.last_event_id}"


def _counter(label: Any) -> "models.PositiveIntegerField[int, int]":
    return models.PositiveIntegerField(label, default=0)


class Counters(models.Model):
    """The counters shared by the daily and the monthly rollup."""

    received = _counter(_("收到"))
    accepted = _counter(_("受理"))
    declined = _counter(_("不予受理"))
    merged = _counter(_("合并"))
    withdrawn = _counter(_("撤回"))
    referred = _counter(_("转办"))
    answered = _counter(_("答复"))
    reopened = _counter(_("不满意重办"))
    closed = _counter(_("办结"))
    rated_satisfied = _counter(_("满意"))
    rated_basically = _counter(_("基本满意"))
    rated_dissatisfied = _counter(_("不满意"))
    rated_unrated = _counter(_("未评价"))
    # A clock counts on the local day of its due instant: met when stopped by then.
    first_reply_due = _counter(_("首次回复到期"))
    first_reply_met = _counter(_("首次回复按时"))
    decide_due = _counter(_("受理决定到期"))
    decide_met = _counter(_("受理决定按时"))
    answer_due = _counter(_("答复到期"))
    answer_met = _counter(_("答复按时"))
    feedback_due = _counter(_("反馈到期"))
    feedback_met = _counter(_("反馈按时"))

    class Meta:
        abstract = True


class DailyRollup(Counters):  # 每日汇总
    # Indexed by the unique key, which starts with the school (a second index on the school
    # alone would only slow the fold's writes).
    school = models.ForeignKey(
        "orgs.Node", on_delete=models.PROTECT, related_name="stats_rollups", db_index=False
    )
    day = models.DateField(_("日期"))  # local day (Asia/Shanghai)
    category = models.ForeignKey("rights.IssueCategory", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("每日汇总")
        verbose_name_plural = _("每日汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "day", "category"], name="stats_rollup_unique"
            )
        ]
        indexes = [models.Index(fields=["day", "school"], name="stats_rollup_day")]

    def __str__(self) -> str:
        return f"{self.school_id}:{self.day}:{self.category_id}"


class MonthlyRollup(Counters):  # 每月汇总
    """The sum of a school's daily rows of one local month and category, written with
    them: a period's whole months are read from here, only its partial months from the
    daily rows, so a year across all schools reads a few thousand rows, not half a
    million."""

    school = models.ForeignKey(
        "orgs.Node", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    month = models.DateField(_("月份"))  # the first local day of the month
    category = models.ForeignKey("rights.IssueCategory", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("每月汇总")
        verbose_name_plural = _("每月汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "month", "category"], name="stats_month_unique"
            )
        ]
        indexes = [models.Index(fields=["month", "school"], name="stats_month_month")]

    def __str__(self) -> str:
        return f"{self.school_id}:{self.month:%Y-%m}:{self.category_id}"


class Metric(models.TextChoices):
    FIRST_REPLY = "first_reply", _("首次回复用时")
    ANSWER = "answer", _("答复用时")


class DurationBucket(models.Model):  # 用时分布
    """How many durations of `metric` ending on `day` fell into histogram bucket `bucket`
    (edges in stats.buckets)."""

    school = models.ForeignKey(
        "orgs.Node", on_delete=models.PROTECT, related_name="stats_buckets", db_index=False
    )
    day = models.DateField()
    metric = models.CharField(max_length=16, choices=Metric.choices)
    bucket = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["school", "day", "metric", "bucket"], name="stats_bucket_unique"
            )
        ]
        indexes = [models.Index(fields=["day", "school"], name="stats_bucket_day")]

    def __str__(self) -> str:
        return f"{self.school_id}:{self.day}:{self.metric}[{self.bucket}]"


class MonthlyDurationBucket(models.Model):  # 每月用时分布
    """DurationBucket summed over a local month (`month` is its first day)."""

    school = models.ForeignKey(
        "orgs.Node", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    month = models.DateField()
    metric = models.CharField(max_length=16, choices=Metric.choices)
    bucket = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["school", "month", "metric", "bucket"], name="stats_month_bucket_unique"
            )
        ]
        indexes = [models.Index(fields=["month", "school"], name="stats_month_bucket_month")]

    def __str__(self) -> str:
        return f"{self.school_id}:{self.month:%Y-%m}:{self.metric}[{self.bucket}]"


class WeeklyReport(models.Model):  # 权益周报
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    week_start = models.DateField(_("周一"))
    built_at = models.DateTimeField(_("生成时间"))
    # The figures as built (see stats.reports.WeeklyFigures.as_json): never the writers.
    figures = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("权益周报")
        verbose_name_plural = _("权益周报")
        ordering = ["-week_start", "school_id"]
        constraints = [
            models.UniqueConstraint(fields=["school", "week_start"], name="stats_report_once")
        ]
        indexes = [models.Index(fields=["school", "-week_start"], name="stats_report_school")]

    def __str__(self) -> str:
        return f"{self.school_id}:{self.week_start}"
