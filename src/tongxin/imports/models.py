"""Import jobs (导入任务): one uploaded workbook, validated and written whole by the worker."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

_COUNT_LABELS = [
    ("colleges", "学院", "个"),
    ("classes", "班级", "个"),
    ("offices", "职能部门", "个"),
    ("students", "学生", "人"),
    ("staff", "教职工", "人"),
]


class ImportJob(models.Model):  # 导入任务
    class Status(models.TextChoices):
        PENDING = "pending", _("排队中")
        VALIDATING = "validating", _("校验与导入中")
        FAILED = "failed", _("未通过")
        DONE = "done", _("已完成")

    school = models.ForeignKey(
        "orgs.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("学校")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("上传人"),
    )
    file = models.FileField(_("文件"), upload_to="imports/%Y/%m/", max_length=255)
    original_name = models.CharField(_("原文件名"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    # What was created ({"students": 9800, ...}) or, on failure, how much was wrong.
    counts = models.JSONField(_("统计"), default=dict, blank=True)
    # Every problem found: [{"sheet", "row", "column", "message"}, ...]; empty when done.
    errors = models.JSONField(_("错误"), default=list, blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        indexes = [
            models.Index(fields=["school", "-created_at"], name="imports_job_school_created")
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.PENDING, self.Status.VALIDATING}

    @property
    def error_count(self) -> int:
        return int(self.counts.get("errors", 0))

    @property
    def summary(self) -> str:
        """One line on the outcome, for the job page and the uploader's notification."""
        if self.status == self.Status.FAILED:
            bad_rows = int(self.counts.get("bad_rows", 0))
            rows = f"，涉及 {bad_rows} 行" if bad_rows else ""
            return f"发现 {self.error_count} 处问题{rows}，未写入任何数据。请修改后重新上传。"
        if self.status != self.Status.DONE:
            return ""
        parts = [
            f"{label} {self.counts.get(key, 0)} {unit}"
            for key, label, unit in _COUNT_LABELS
            if self.counts.get(key)
        ]
        created = "新建" + "、".join(parts) if parts else "没有新建内容"
        reused = int(self.counts.get("reused", 0))
        return created + (f"；沿用已有单位 {reused} 个" if reused else "") + "。"
