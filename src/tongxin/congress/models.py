"""The student congress (学生代表大会, DOMAIN.md §4), part 1: each union's congress line,
its sessions from application to closing, the delegates and their public notice (公示),
and the federation's yearly rating (评定). Proposals (part 2, proposal_models.py) and
elections (part 3) build on these tables.

Every number of the rules is data (CongressRule, one row per union level, edited by the
province), never a constant.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tongxin.workflow.notice.models import Noticed, ObjectionBase


class UnionLevel(models.TextChoices):  # 学生会层级
    SCHOOL = "school", _("校学生会")
    GRADUATE = "graduate", _("研究生会")
    COLLEGE = "college", _("院学生会")


class CongressForm(models.TextChoices):  # 会议形式
    CONGRESS = "congress", _("学生代表大会")
    # A college below CongressRule.assembly_max_students may hold it instead.
    ASSEMBLY = "assembly", _("全体学生大会")


class CongressRule(models.Model):  # 代表大会规则 (data, per union level; the province edits)
    """A level without a row uses the field defaults (DOMAIN.md §4)."""

    level = models.CharField(_("层级"), max_length=10, choices=UnionLevel.choices, unique=True)
    interval_months = models.PositiveSmallIntegerField(_("召开周期（月）"), default=12)
    reminder_days = models.PositiveSmallIntegerField(_("提前提醒（天）"), default=30)
    assembly_max_students = models.PositiveIntegerField(
        _("可召开全体学生大会的学院人数上限（不含）"), default=400
    )
    # An assembly's quorum, in thousandths of the college's students ("more than").
    assembly_quorum_permille = models.PositiveSmallIntegerField(
        _("全体学生大会法定人数（‰，超过）"), default=500
    )
    delegate_min_permille = models.PositiveSmallIntegerField(
        _("代表人数不少于学生数的（‰）"), default=10
    )
    min_seats_per_unit = models.PositiveSmallIntegerField(_("每个学院至少名额"), default=1)
    non_officer_min_percent = models.PositiveSmallIntegerField(
        _("非学生会工作人员代表不少于（%）"), default=60
    )
    candidate_ratio_percent = models.PositiveSmallIntegerField(
        _("差额选举候选人不少于名额的（%）"), default=120
    )
    notice_workdays = models.PositiveSmallIntegerField(_("代表名单公示期（工作日）"), default=5)
    term_months = models.PositiveSmallIntegerField(_("代表任期（月）"), default=12)
    # Proposals (part 2, DOMAIN.md §5).
    proposal_max_lead = models.PositiveSmallIntegerField(
        _("每名代表领衔提案不超过（件）"), default=2
    )
    proposal_min_cosigners = models.PositiveSmallIntegerField(_("提案附议人不少于"), default=2)
    # Elections (part 3, DOMAIN.md §4).
    election_candidate_percent = models.PositiveSmallIntegerField(
        _("主席团差额选举候选人不少于应选名额的（%）"), default=120
    )
    election_max_rounds = models.PositiveSmallIntegerField(
        _("一项选举最多投票轮次（含决选、另行选举）"), default=3
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("代表大会规则")
        verbose_name_plural = _("代表大会规则")

    def __str__(self) -> str:
        return f"congress-rule:{self.level}"


class CongressLine(models.Model):  # 代表大会（每个学生会一条届次线）
    """One per union: its supervising body, and the facts the schedule is read from.

    `last_held_on` and `due_on` are copies kept by the services (a held session, the date
    an advisor entered for the last congress before Tongxin), so that "who is overdue" is
    an index walk and not a computation over every union's sessions."""

    union = models.OneToOneField("orgs.Node", on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("层级"), max_length=10, choices=UnionLevel.choices)
    # College union → the school (its League committee, i.e. the advisor);
    # school and graduate union → the city federation.
    supervisor = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    form = models.CharField(
        _("会议形式"), max_length=10, choices=CongressForm.choices, default=CongressForm.CONGRESS
    )
    # The union's start in Tongxin: the schedule's origin while no session was ever held.
    set_up_on = models.DateField(_("接入平台日期"))
    # Entered by the advisor with the report as evidence (an attachment on the line).
    held_before_tongxin_on = models.DateField(_("接入前最近一次召开日期"), null=True, blank=True)
    last_held_on = models.DateField(_("最近一次召开日期"), null=True, blank=True)
    due_on = models.DateField(_("应召开日期"))
    # The due date the worker last reminded for: one reminder per due date.
    reminded_for = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("代表大会届次线")
        verbose_name_plural = _("代表大会届次线")
        indexes = [
            models.Index(fields=["school", "due_on"], name="congress_line_school_due"),
            models.Index(fields=["supervisor", "due_on"], name="congress_line_super_due"),
        ]

    def __str__(self) -> str:
        return f"congress-line:{self.union_id}"


class SessionState(models.TextChoices):  # 会议状态
    PLANNED = "planned", _("筹备中")
    APPLIED = "applied", _("已申请，待审批")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("已批复")
    CONFIRMED = "confirmed", _("已回执")
    HELD = "held", _("已召开")
    REPORTED = "reported", _("已报告")
    CLOSED = "closed", _("已结束")
    CANCELLED = "cancelled", _("已取消")


FINAL_SESSION_STATES = [SessionState.CLOSED, SessionState.CANCELLED]
OPEN_SESSION_STATES = [s for s in SessionState.values if s not in FINAL_SESSION_STATES]


class Session(models.Model):  # 会议（第 N 次代表大会）
    line = models.ForeignKey(CongressLine, on_delete=models.PROTECT, related_name="sessions")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    union = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    supervisor = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("届次"))
    form = models.CharField(_("会议形式"), max_length=10, choices=CongressForm.choices)
    state = models.CharField(
        _("状态"), max_length=12, choices=SessionState.choices, default=SessionState.PLANNED
    )
    version = models.PositiveIntegerField(default=1)
    # The application (申请).
    planned_start = models.DateField(_("拟召开开始日期"), null=True, blank=True)
    planned_end = models.DateField(_("拟召开结束日期"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    agenda = models.TextField(_("议程"), blank=True)
    delegate_seats = models.PositiveIntegerField(_("代表名额"), null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    # The supervising body's decision (批复) or its reason for returning the application.
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(_("批复意见或退回理由"), blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)  # 回执
    # Held (召开): the dates and the attendance.
    held_start = models.DateField(_("召开开始日期"), null=True, blank=True)
    held_end = models.DateField(_("召开结束日期"), null=True, blank=True)
    attendance = models.PositiveIntegerField(_("实到人数"), null=True, blank=True)
    # The report (报告): its texts; its documents are attachments on the session.
    work_report = models.TextField(_("工作报告摘要"), blank=True)
    finance_report = models.TextField(_("财务报告摘要"), blank=True)
    resolutions = models.TextField(_("决议"), blank=True)
    election_results = models.TextField(_("选举结果"), blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("代表大会会议")
        verbose_name_plural = _("代表大会会议")
        constraints = [
            models.UniqueConstraint(fields=["line", "number"], name="congress_session_number"),
            models.UniqueConstraint(
                fields=["line"],
                condition=Q(state__in=OPEN_SESSION_STATES),
                name="congress_one_open_session_per_line",
            ),
        ]
        indexes = [
            models.Index(fields=["school", "state"], name="congress_session_school_state"),
            models.Index(fields=["supervisor", "state"], name="congress_session_super_state"),
        ]

    def __str__(self) -> str:
        return f"session:{self.pk}"


class SessionEvent(models.Model):  # 会议进程（时间线）
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="events")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20)  # the transition table's action name
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=60)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.kind}"


class DelegateListState(models.TextChoices):  # 代表名单状态
    DRAFT = "draft", _("录入中")
    NOTICE = "notice", _("公示中")
    PAUSED = "paused", _("公示暂停（异议处理中）")
    CONFIRMED = "confirmed", _("已确认")


class DelegateList(Noticed, models.Model):  # 代表名单（一次会议一份）
    """The delegates of one session: entered or imported, checked, then publicly noticed
    through the shared piece (tongxin.workflow.notice) and confirmed when the notice ends."""

    session = models.OneToOneField(Session, on_delete=models.PROTECT, related_name="delegates")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    union = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        _("状态"), max_length=10, choices=DelegateListState.choices, default=DelegateListState.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    # Was there a competitive election (差额选举)? Then candidates ≥ ratio × seats is checked.
    election_held = models.BooleanField(_("经差额选举产生"), default=True)
    candidates = models.PositiveIntegerField(_("候选人数"), null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    term_start = models.DateField(_("任期开始"), null=True, blank=True)
    term_end = models.DateField(_("任期结束"), null=True, blank=True)

    notice_state_field = "state"
    notice_running_state = DelegateListState.NOTICE

    class Meta:
        verbose_name = _("代表名单")
        verbose_name_plural = _("代表名单")
        indexes = [models.Index(fields=["school", "state"], name="congress_dlist_school_state")]

    def __str__(self) -> str:
        return f"delegate-list:{self.pk}"


class Quota(models.Model):  # 代表名额（按学院或班级）
    """Seats of one unit (a college for a school congress, a class for a college's), from
    the unit's live student count by the largest-remainder method (congress/quotas.py)."""

    delegate_list = models.ForeignKey(DelegateList, on_delete=models.CASCADE, related_name="quotas")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    students = models.PositiveIntegerField(_("学生数"))
    seats = models.PositiveIntegerField(_("名额"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["delegate_list", "unit"], name="congress_quota_unit")
        ]

    def __str__(self) -> str:
        return f"quota:{self.delegate_list_id}:{self.unit_id}"


class Delegate(models.Model):  # 代表
    delegate_list = models.ForeignKey(
        DelegateList, on_delete=models.CASCADE, related_name="members"
    )
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    # Whether the person held a union office when the list was submitted (the 60 % rule).
    is_officer = models.BooleanField(_("学生会工作人员"), default=False)
    votes = models.PositiveIntegerField(_("得票"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("代表")
        verbose_name_plural = _("代表")
        constraints = [
            models.UniqueConstraint(fields=["delegate_list", "user"], name="congress_delegate_once")
        ]
        # A delegate's home page asks "am I a delegate now?" by user.
        indexes = [models.Index(fields=["user"], name="congress_delegate_user")]

    def __str__(self) -> str:
        return f"delegate:{self.delegate_list_id}:{self.user_id}"


class DelegateObjection(ObjectionBase):  # 代表名单公示异议
    delegate_list = models.ForeignKey(
        DelegateList, on_delete=models.CASCADE, related_name="objections"
    )
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")

    noticed_field = "delegate_list"

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["delegate_list", "status"], name="congress_obj_list_status")
        ]

    def __str__(self) -> str:
        return f"delegate-objection:{self.pk}"


class Grade(models.TextChoices):  # 评定等次
    EXCELLENT = "excellent", _("优")
    QUALIFIED = "qualified", _("合格")
    ATTENTION = "attention", _("重点关注")


class Rating(models.Model):  # 代表大会年度评定
    """The city federation rates each school's school-level unions; the advisor rates the
    school's college unions. One rating per union and year; re-rating updates it."""

    union = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    grade = models.CharField(_("等次"), max_length=10, choices=Grade.choices)
    notes = models.TextField(_("评语"), blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    rater = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    rated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("代表大会评定")
        verbose_name_plural = _("代表大会评定")
        constraints = [
            models.UniqueConstraint(fields=["union", "year"], name="congress_rating_union_year")
        ]
        indexes = [models.Index(fields=["school", "year"], name="congress_rating_school_year")]

    def __str__(self) -> str:
        return f"rating:{self.union_id}:{self.year}"


# Part 2: proposals (提案) and part 3: elections (选举), each in its own module.
from .election_models import *  # noqa: E402, F403
from .proposal_models import *  # noqa: E402, F403
