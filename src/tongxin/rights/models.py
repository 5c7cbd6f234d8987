"""The rights desk (权益服务): students' issues answered in a closed loop.

An anonymous reporter's identity is not on the issue at all: it lives in SealedIdentity,
which only the reporter's own list and an advisor's audited unsealing ever read.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tongxin.workflow.clocks.models import ClockRun
from tongxin.workflow.referral.models import OfficeInputBase, Referable
from tongxin.workflow.referral.models import Rating as Rating  # the piece's; read here as before


class IssueCategory(models.Model):  # 诉求类别 (province-wide data)
    name = models.CharField(_("名称"), max_length=30, unique=True)
    is_urgent = models.BooleanField(_("紧急类别"), default=False)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("诉求类别")
        verbose_name_plural = _("诉求类别")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class RightsSettings(models.Model):  # 学校的权益服务设置
    """Per-school clocks and switches; a school without a row uses the defaults."""

    school = models.OneToOneField(
        "orgs.Node", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    first_reply_hours = models.PositiveSmallIntegerField(_("首次回复时限（小时）"), default=24)
    decide_workdays = models.PositiveSmallIntegerField(_("受理后决定时限（工作日）"), default=3)
    answer_workdays = models.PositiveSmallIntegerField(_("答复时限（工作日）"), default=5)
    urgent_answer_workdays = models.PositiveSmallIntegerField(
        _("紧急类答复时限（工作日）"), default=2
    )
    feedback_workdays = models.PositiveSmallIntegerField(_("反馈时限（工作日）"), default=1)
    auto_close_days = models.PositiveSmallIntegerField(_("未评价自动办结（自然日）"), default=7)
    head_approval_required = models.BooleanField(_("部门答复须经负责人审核"), default=False)
    daily_submission_limit = models.PositiveSmallIntegerField(_("每位同学每日提交上限"), default=10)

    class Meta:
        verbose_name = _("权益服务设置")
        verbose_name_plural = _("权益服务设置")

    def __str__(self) -> str:
        return f"settings:{self.school_id}"


class CategoryRoute(models.Model):  # 类别分派到院学生会
    school = models.ForeignKey("orgs.Node", on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(IssueCategory, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "category"], name="rights_route_unique")
        ]

    def __str__(self) -> str:
        return f"{self.school_id}:{self.category_id}"


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("已提交")
    ACCEPTED = "accepted", _("已受理")
    NOT_HANDLED = "not_handled", _("不予受理")
    MERGED = "merged", _("已合并")
    WITHDRAWN = "withdrawn", _("已撤回")
    IN_PROGRESS = "in_progress", _("处理中")
    REFERRED = "referred", _("已转办")
    ANSWERED = "answered", _("已答复")
    FED_BACK = "fed_back", _("已反馈")
    CLOSED = "closed", _("已办结")


OPEN_STATUSES = [
    Status.SUBMITTED,
    Status.ACCEPTED,
    Status.IN_PROGRESS,
    Status.REFERRED,
    Status.ANSWERED,
    Status.FED_BACK,
]


class DeclineReason(models.TextChoices):
    DUPLICATE = "duplicate", _("办理期内重复提交")
    UNCLEAR = "unclear", _("内容不清")
    OUT_OF_POWERS = "out_of_powers", _("超出学校职权范围")
    COMMERCIAL = "commercial", _("商业性内容")


class Issue(Referable):  # 权益诉求
    """The offices it is referred to, the reply and the rating: workflow.referral."""

    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    union = models.ForeignKey(
        "orgs.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("受理组织")
    )
    college = models.ForeignKey(
        "orgs.Node", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Empty for anonymous issues: see SealedIdentity.
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_anonymous = models.BooleanField(_("匿名"), default=False)
    pseudonym = models.CharField(max_length=20, blank=True)
    publication_consent = models.BooleanField(_("同意公开"), default=False)
    category = models.ForeignKey(
        IssueCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("类别")
    )
    is_urgent = models.BooleanField(default=False)
    title = models.CharField(_("标题"), max_length=60)
    description = models.TextField(_("描述"), max_length=2000)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    version = models.PositiveIntegerField(default=1)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承办人"),
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged"
    )
    supporters_count = models.PositiveIntegerField(default=0)
    # The open clock (if any), for queue badges and the overdue filter.
    due_at = models.DateTimeField(null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(default=0)
    escalated_to_city = models.BooleanField(default=False)
    first_reply = models.TextField(blank=True)
    decline_reason = models.CharField(max_length=20, choices=DeclineReason.choices, blank=True)
    feedback = models.TextField(_("反馈"), blank=True)
    fed_back_at = models.DateTimeField(null=True, blank=True)
    flagged_to_advisor = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("权益诉求")
        verbose_name_plural = _("权益诉求")
        indexes = [
            models.Index(fields=["union", "status", "-id"], name="rights_issue_queue"),
            models.Index(fields=["school", "status", "-id"], name="rights_issue_school"),
            models.Index(fields=["submitter", "-id"], name="rights_issue_mine"),
            models.Index(fields=["lead_office", "status", "-id"], name="rights_issue_office"),
            # The nearest deadlines first: the office inbox and the to-do list's items walk
            # these per (office or union, state) (tongxin.core.walks).
            models.Index(
                fields=["lead_office", "status", "due_at", "id"], name="rights_issue_office_due"
            ),
            models.Index(fields=["union", "status", "due_at", "id"], name="rights_issue_queue_due"),
            models.Index(
                fields=["school", "-published_at"],
                name="rights_issue_wall",
                condition=Q(published_at__isnull=False),
            ),
            models.Index(
                fields=["due_at"], name="rights_issue_due", condition=Q(due_at__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class SealedIdentity(models.Model):  # 匿名者身份（封存）
    issue = models.OneToOneField(
        Issue, on_delete=models.CASCADE, primary_key=True, related_name="sealed"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    unsealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unsealed_at = models.DateTimeField(null=True, blank=True)
    unseal_reason = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "-issue"], name="rights_sealed_mine")]

    def __str__(self) -> str:
        return f"sealed:{self.issue_id}"


class Clock(models.TextChoices):
    FIRST_REPLY = "first_reply", _("首次回复")
    DECIDE = "decide", _("受理决定")
    ANSWER = "answer", _("答复")
    FEEDBACK = "feedback", _("反馈")


class IssueClock(ClockRun):  # 办理时限
    """One run of one clock on one issue (tongxin.workflow.clocks): when it started, fell
    due and was met. Its kind's code keeps its own column name, `clock`."""

    owner_field = "issue"
    kind_field = "clock"
    owner_due_field = "due_at"  # the issue's badge and overdue filter
    owner_level_field = "escalation_level"

    kind = None  # type: ignore[assignment]
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="clocks")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    clock = models.CharField(max_length=16, choices=Clock.choices)

    class Meta:
        indexes = [
            models.Index(
                fields=["due_at"],
                name="rights_clock_open_due",
                condition=Q(stopped_at__isnull=True),
            ),
            models.Index(fields=["school", "due_at"], name="rights_clock_school_due"),
            # The statistics fold reads clocks in (due_at, id) order.
            models.Index(fields=["due_at", "id"], name="rights_clock_due_id"),
        ]

    def __str__(self) -> str:
        return f"{self.issue_id}:{self.clock}"


class IssueEvent(models.Model):  # 办理时间线
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="events")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=80)
    text = models.TextField(blank=True)
    internal = models.BooleanField(default=False)  # hidden from the student
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.issue_id}:{self.kind}"

    @property
    def kind_label(self) -> str:
        from tongxin.audit.registry import label_of

        return label_of(f"rights.issue.{self.kind}")


class IssuePhoto(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="photos")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    image = models.FileField(upload_to="rights/%Y/%m/")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    def __str__(self) -> str:
        return str(self.image.name)


class IssueSupport(models.Model):  # 我也遇到
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "user"], name="rights_support_once")
        ]

    def __str__(self) -> str:
        return f"{self.issue_id}+{self.user_id}"


class OfficeInput(OfficeInputBase):  # 协办部门意见 (workflow.referral)
    ITEM_FIELD = "issue"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="office_inputs")

    def __str__(self) -> str:
        return f"{self.issue_id}@{self.office_id}"


class IssueGram(models.Model):
    """Inverted index of title bigrams for "similar issues" (rights.similarity)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    gram = models.CharField(max_length=20)

    class Meta:
        indexes = [models.Index(fields=["school", "gram"], name="rights_gram_lookup")]

    def __str__(self) -> str:
        return self.gram
