"""Training (培训): sessions held for school or college unions (the rule: at least twice a
year), attendance with hours, and the 青马工程 trainees' learning record (一人一档)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    UNION = "union", _("学生会骨干培训")
    QINGMA = "qingma", _("青马工程")


class TrainingSession(models.Model):  # 培训场次
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    # The school node for school-level training, a college node for college-level training.
    host = models.ForeignKey(
        "orgs.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("举办单位")
    )
    kind = models.CharField(
        _("类别"), max_length=10, choices=SessionKind.choices, default=SessionKind.UNION
    )
    title = models.CharField(_("主题"), max_length=100)
    date = models.DateField(_("日期"))
    hours = models.DecimalField(_("学时"), max_digits=4, decimal_places=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["school", "date"], name="training_session_school_date")]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):  # 参训记录
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendances"
    )
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    hours = models.DecimalField(_("学时"), max_digits=4, decimal_places=1)
    score = models.PositiveSmallIntegerField(_("成绩"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="training_attend_once")
        ]
        indexes = [models.Index(fields=["user"], name="training_attend_user")]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.user_id}"
