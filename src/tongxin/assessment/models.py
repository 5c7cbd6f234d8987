"""述职评议 (bottom-up review of union officers, once per semester).

A round belongs to one union and one term. The advisor chooses the officers rated and the
raters in three groups; each rated officer writes a work report; each rater rates each
officer once on five dimensions. Weights and level thresholds are data (AssessmentPolicy,
per academic year, edited by the province) and are copied into the round when it opens,
so later edits never change a running or finished round.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tongxin.workflow.clocks.models import ClockRun

from .terms import term_label


class Dimension(models.TextChoices):  # the five dimensions of DOMAIN.md §3
    POLITICS = "politics", _("政治态度")
    MORALS = "morals", _("道德品行")
    STUDY = "study", _("学习情况")
    WORK = "work", _("工作成效")
    DISCIPLINE = "discipline", _("纪律作风")


class RaterGroup(models.TextChoices):
    TEACHER = "teacher", _("团学老师")
    DELEGATE = "delegate", _("学生代表")  # standing congress delegates or class representatives
    PEER = "peer", _("学生会工作人员")


class Level(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    PASS = "pass", _("合格")
    BASIC = "basic", _("基本合格")
    FAIL = "fail", _("不合格")


class AssessmentPolicy(models.Model):  # 评议权重与等级（省级数据，按学年）
    """Weights in percent (each set sums to 100) and the lowest score of each level.
    A year without its own row uses the latest earlier row, else the field defaults."""

    academic_year = models.PositiveSmallIntegerField(_("学年（起始年份）"), unique=True)
    weight_politics = models.PositiveSmallIntegerField(_("政治态度权重"), default=20)
    weight_morals = models.PositiveSmallIntegerField(_("道德品行权重"), default=20)
    weight_study = models.PositiveSmallIntegerField(_("学习情况权重"), default=20)
    weight_work = models.PositiveSmallIntegerField(_("工作成效权重"), default=20)
    weight_discipline = models.PositiveSmallIntegerField(_("纪律作风权重"), default=20)
    weight_teacher = models.PositiveSmallIntegerField(_("团学老师权重"), default=40)
    weight_delegate = models.PositiveSmallIntegerField(_("学生代表权重"), default=40)
    weight_peer = models.PositiveSmallIntegerField(_("学生会工作人员权重"), default=20)
    excellent_min = models.PositiveSmallIntegerField(_("优秀最低分"), default=90)
    pass_min = models.PositiveSmallIntegerField(_("合格最低分"), default=75)
    basic_min = models.PositiveSmallIntegerField(_("基本合格最低分"), default=60)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("评议权重与等级")
        verbose_name_plural = _("评议权重与等级")
        constraints = [
            models.CheckConstraint(
                condition=Q(basic_min__lt=models.F("pass_min"))
                & Q(pass_min__lt=models.F("excellent_min"))
                & Q(excellent_min__lte=100),
                name="assessment_policy_levels_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"policy:{self.academic_year}"


class RoundStatus(models.TextChoices):
    OPEN = "open", _("评议中")
    CLOSED = "closed", _("已结束，待公布")
    PUBLISHED = "published", _("结果已公布")


class Round(models.Model):  # 评议轮次
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    union = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    term = models.CharField(_("学期"), max_length=20)  # "2025-2026-1", as in staff records
    deadline = models.DateField(_("评分截止日期"))
    status = models.CharField(
        _("状态"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    policy = models.JSONField(_("计分规则（开启时确定）"), default=dict)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("评议轮次")
        verbose_name_plural = _("评议轮次")
        constraints = [
            models.UniqueConstraint(fields=["union", "term"], name="assessment_round_once_per_term")
        ]
        indexes = [models.Index(fields=["school", "status"], name="assessment_round_school")]

    def __str__(self) -> str:
        return f"{self.union_id}:{self.term}"

    @property
    def term_label(self) -> str:
        return term_label(self.term)

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class RoundClock(ClockRun):  # 评分时限
    """The round's scoring deadline as a shared clock (tongxin.workflow.clocks): it reminds
    the raters who are behind one working day before the deadline day, and the round's
    owner once the day has passed (assessment/clocks.py)."""

    owner_field = "round"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="clocks")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("评分时限")
        verbose_name_plural = _("评分时限")
        indexes = [
            models.Index(
                fields=["due_at"],
                name="assessment_clock_open_due",
                condition=Q(stopped_at__isnull=True),
            ),
            models.Index(fields=["school", "due_at"], name="assessment_clock_school_due"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.kind}"


class RatedOfficer(models.Model):  # 被评议人（含述职报告与结果）
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="rated")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey(
        "accounts.Membership", on_delete=models.PROTECT, related_name="+"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    report = models.TextField(_("述职报告"), blank=True)
    report_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=2, null=True, blank=True)
    level = models.CharField(_("等级"), max_length=10, choices=Level.choices, blank=True)
    # {"dimensions": {dim: score}, "groups": {group: {"average": x, "count": n}}}
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("被评议人")
        verbose_name_plural = _("被评议人")
        constraints = [
            models.UniqueConstraint(fields=["round", "officer"], name="assessment_rated_once")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.officer_id}"

    @property
    def level_label(self) -> str:
        return str(Level(self.level).label) if self.level else "无评分"


class Rater(models.Model):  # 评议人（本轮选定）
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="raters")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    group = models.CharField(_("评议组"), max_length=10, choices=RaterGroup.choices)

    class Meta:
        verbose_name = _("评议人")
        verbose_name_plural = _("评议人")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="assessment_rater_once")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.user_id}"


def _in_range(field: str) -> Q:
    return Q(**{f"{field}__gte": 0, f"{field}__lte": 100})


class Rating(models.Model):  # 评分：每位评议人对每位被评议人每轮一份
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ratings")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    rater = models.ForeignKey(Rater, on_delete=models.CASCADE, related_name="ratings")
    rated = models.ForeignKey(RatedOfficer, on_delete=models.CASCADE, related_name="ratings")
    politics = models.PositiveSmallIntegerField(Dimension.POLITICS.label)
    morals = models.PositiveSmallIntegerField(Dimension.MORALS.label)
    study = models.PositiveSmallIntegerField(Dimension.STUDY.label)
    work = models.PositiveSmallIntegerField(Dimension.WORK.label)
    discipline = models.PositiveSmallIntegerField(Dimension.DISCIPLINE.label)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("评分")
        verbose_name_plural = _("评分")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "rater", "rated"], name="assessment_rating_once"
            ),
            *(
                models.CheckConstraint(condition=_in_range(d), name=f"assessment_rating_{d}_0_100")
                for d in Dimension.values
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.rater_id}:{self.rated_id}"

    def scores(self) -> dict[str, int]:
        return {d: int(getattr(self, d)) for d in Dimension.values}


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("待决定")
    CONFIRMED = "confirmed", _("已确认退出")
    DISMISSED = "dismissed", _("不予退出")


class ExitProposal(models.Model):  # 评议不合格的退出建议
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="exit_proposals")
    rated = models.OneToOneField(
        RatedOfficer, on_delete=models.CASCADE, related_name="exit_proposal"
    )
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey(
        "accounts.Membership", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    reason = models.TextField(_("建议理由"))
    decision_note = models.TextField(_("决定说明"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    exit_record = models.OneToOneField(
        "staff.ExitRecord", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("退出建议")
        verbose_name_plural = _("退出建议")
        indexes = [models.Index(fields=["school", "status"], name="assessment_proposal_school")]

    def __str__(self) -> str:
        return f"proposal:{self.rated_id}"
