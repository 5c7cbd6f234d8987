"""Union staff (学生会工作人员): structure, limits as data, academic records, eligibility
warnings and exits. An officer's position itself is an accounts.Membership (role officer);
this app adds the department, the limits that every appointment is checked against, and
what keeps officers qualified."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UnionLevel(models.TextChoices):
    SCHOOL = "school", _("校级（含研究生会）")
    COLLEGE = "college", _("院级")


class StaffLimit(models.Model):  # 精简限额 (data, per academic year and union level)
    academic_year = models.PositiveSmallIntegerField(_("学年（起始年份）"))
    level = models.CharField(_("层级"), max_length=10, choices=UnionLevel.choices)
    max_staff = models.PositiveSmallIntegerField(_("工作人员上限"), null=True, blank=True)
    max_staff_large = models.PositiveSmallIntegerField(
        _("工作人员上限（大规模或多校区）"), null=True, blank=True
    )
    max_presidium = models.PositiveSmallIntegerField(_("主席团上限"), null=True, blank=True)
    max_departments = models.PositiveSmallIntegerField(_("工作部门上限"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("限额")
        verbose_name_plural = _("限额")
        constraints = [
            models.UniqueConstraint(
                fields=["academic_year", "level"], name="staff_limit_year_level"
            )
        ]

    def __str__(self) -> str:
        return f"{self.academic_year}:{self.level}"


class Department(models.Model):  # 工作部门
    union = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="departments")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("名称"), max_length=40)
    is_active = models.BooleanField(_("在设"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("工作部门")
        verbose_name_plural = _("工作部门")
        constraints = [
            models.UniqueConstraint(
                fields=["union", "name"],
                condition=Q(is_active=True),
                name="staff_department_active_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Appointment(models.Model):  # 任职（部门归属）
    """Which department an officer's membership belongs to (presidium members: none)."""

    membership = models.OneToOneField(
        "accounts.Membership",
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="appointment",
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="appointments"
    )
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"appointment:{self.membership_id}"


class RotationSlot(models.Model):  # 轮值执行主席安排
    union = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    start = models.DateField(_("开始"))
    end = models.DateField(_("结束"))

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.union_id}:{self.start}"


class Window(models.TextChoices):
    TERM = "term", _("最近一学期")
    YEAR = "year", _("最近一学年")
    SINCE_ENROLMENT = "since_enrolment", _("入学以来")


class AcademicUpload(models.Model):  # 成绩数据上传
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    term = models.CharField(_("学期"), max_length=20)  # e.g. "2026-2027-1"
    file_name = models.CharField(max_length=200)
    rows = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.school_id}:{self.term}"


class AcademicRecord(models.Model):  # 学业成绩（敏感）
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    upload = models.ForeignKey(AcademicUpload, on_delete=models.CASCADE, related_name="records")
    term = models.CharField(_("学期"), max_length=20)
    window = models.CharField(_("统计口径"), max_length=20, choices=Window.choices)
    rank = models.PositiveIntegerField(_("综合排名"))
    cohort_size = models.PositiveIntegerField(_("专业人数"))
    failed_outstanding = models.PositiveSmallIntegerField(_("未通过课程数"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["student", "term", "window"], name="staff_record_once"),
        ]
        indexes = [models.Index(fields=["school", "term"], name="staff_record_school_term")]

    def __str__(self) -> str:
        return f"{self.student_id}:{self.term}:{self.window}"


class EligibilityPolicy(models.Model):  # 任职资格规则（省级数据）
    """The province's academic rule: which windows count and the top share; one row."""

    windows = models.JSONField(_("可用统计口径"), default=list)
    top_share_percent = models.PositiveSmallIntegerField(_("排名前百分比"), default=30)
    secondary_vocational_rules = models.BooleanField(
        _("中职和普通高中也适用学业要求"),
        default=False,
        help_text=_("中职学校和普通高中执行本校规则，默认不设学业要求。"),
    )

    def __str__(self) -> str:
        return "eligibility-policy"


class WarningStatus(models.TextChoices):
    OPEN = "open", _("预警中")
    CLEARED = "cleared", _("已解除")
    EXIT_PROPOSED = "exit_proposed", _("已提出退出建议")


class AcademicWarning(models.Model):  # 学风预警
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    union = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    membership = models.ForeignKey(
        "accounts.Membership", on_delete=models.PROTECT, related_name="+"
    )
    term = models.CharField(_("学期"), max_length=20)
    rule = models.CharField(
        _("未满足的规则"), max_length=20
    )  # political / academic_rank / failed_courses
    explanation = models.TextField(_("说明（含成绩数据，敏感）"))
    status = models.CharField(
        max_length=16, choices=WarningStatus.choices, default=WarningStatus.OPEN
    )
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "term"], name="staff_warning_once_per_term"
            ),
        ]
        indexes = [models.Index(fields=["school", "status"], name="staff_warning_school")]

    def __str__(self) -> str:
        return f"{self.officer_id}:{self.term}"


class ExitKind(models.TextChoices):
    VOLUNTARY = "voluntary", _("主动辞职")
    DISMISSAL = "dismissal", _("免职")
    RESPONSIBILITY = "responsibility", _("引咎辞职")
    END_OF_TERM = "end_of_term", _("任期届满")


class ExitRecord(models.Model):  # 退出记录
    membership = models.OneToOneField(
        "accounts.Membership", on_delete=models.PROTECT, related_name="exit_record"
    )
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("退出方式"), max_length=20, choices=ExitKind.choices)
    reason = models.TextField(_("原因"))
    warning = models.ForeignKey(
        AcademicWarning, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"exit:{self.membership_id}"


class RecordKind(models.TextChoices):
    REWARD = "reward", _("奖励")
    PENALTY = "penalty", _("处分")


class RewardPenalty(models.Model):  # 奖惩记录
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=RecordKind.choices)
    title = models.CharField(_("名称"), max_length=100)
    reason = models.TextField(_("事由"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("日期"))

    def __str__(self) -> str:
        return self.title
