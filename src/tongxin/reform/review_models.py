"""The self-assessment after computing (issue 17): reviewed up the chain, publicly disclosed
(公示), rated, fed back to the Party committee, rectified and followed up.

- UnionSheet (学生会自评表): one union's table of a catalogue — the union fills it (part 1's
  evidence and explanations), the college league secretary checks a college union's, the
  advisor checks every union's.
- SchoolAssessment (学校改革自评): the school's tables of one academic year together — the
  advisor submits (for the League committee), the city federation reviews, the province
  confirms; a confirmed assessment is locked.
- ReviewStep: every step of either, with its reason (the timeline; the audit trail has it too).
- ReviewCalendar: the year's deadlines per level.
- Disclosure (公示): the assessment on a public page, open for comments for N working days.
- RatingScale / Rating (评定): the city proposes, the province confirms.
- FeedbackLetter (反馈函): to the school's Party committee.
- RectificationItem / RectificationNote (整改): one per failed ★ indicator.
- Meeting (约谈、交流): call-in interviews (请上来), exchange visits (水源计划), visits.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SheetState(models.TextChoices):
    FILLING = "filling", _("填报中")
    COLLEGE_CHECKED = "college_checked", _("院团委已审核")
    SCHOOL_CHECKED = "school_checked", _("校团委已审核")


class UnionSheet(models.Model):  # 学生会自评表
    catalogue = models.ForeignKey("reform.Catalogue", on_delete=models.PROTECT, related_name="+")
    union = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        _("状态"), max_length=16, choices=SheetState.choices, default=SheetState.FILLING
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("学生会自评表")
        verbose_name_plural = _("学生会自评表")
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "union"], name="reform_sheet_once"),
        ]
        indexes = [models.Index(fields=["school", "state"], name="reform_sheet_school")]

    def __str__(self) -> str:
        return f"sheet:{self.union_id}:{self.catalogue_id}"


class AssessmentState(models.TextChoices):
    PREPARING = "preparing", _("学校汇总中")
    SUBMITTED = "submitted", _("学校已报送")
    CITY_REVIEWED = "city_reviewed", _("市学联已审核")
    CONFIRMED = "confirmed", _("省学联已确认")


class SchoolAssessment(models.Model):  # 学校改革自评（一校一学年）
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    academic_year = models.PositiveSmallIntegerField(_("学年（起始年份）"))
    state = models.CharField(
        _("状态"), max_length=16, choices=AssessmentState.choices, default=AssessmentState.PREPARING
    )
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(null=True, blank=True)
    city_reviewed_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Marked by the city or province for a call-in interview (请上来).
    call_in = models.BooleanField(_("列为约谈对象"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("学校改革自评")
        verbose_name_plural = _("学校改革自评")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year"], name="reform_assessment_once"
            ),
        ]
        indexes = [models.Index(fields=["academic_year", "state"], name="reform_assessment_year")]

    def __str__(self) -> str:
        return f"assessment:{self.school_id}:{self.academic_year}"

    @property
    def is_locked(self) -> bool:
        return self.state == AssessmentState.CONFIRMED


class ReviewStep(models.Model):  # 审核记录
    assessment = models.ForeignKey(SchoolAssessment, on_delete=models.CASCADE, related_name="steps")
    sheet = models.ForeignKey(
        UnionSheet, on_delete=models.CASCADE, null=True, blank=True, related_name="steps"
    )
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=32)  # the machine's action name
    label = models.CharField(max_length=40)
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.action}:{self.assessment_id}"


class ReviewCalendar(models.Model):  # 审核时间表（每学年）
    academic_year = models.PositiveSmallIntegerField(_("学年（起始年份）"), unique=True)
    fill_due = models.DateField(_("学生会填报截止"))
    school_due = models.DateField(_("学校报送截止"))
    city_due = models.DateField(_("市学联审核截止"))
    province_due = models.DateField(_("省学联确认截止"))
    remind_days = models.PositiveSmallIntegerField(_("提前提醒（工作日）"), default=3)
    disclosure_workdays = models.PositiveSmallIntegerField(_("公示期（工作日）"), default=5)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("审核时间表")
        verbose_name_plural = _("审核时间表")
        constraints = [
            models.CheckConstraint(
                condition=Q(fill_due__lte=models.F("school_due"))
                & Q(school_due__lte=models.F("city_due"))
                & Q(city_due__lte=models.F("province_due")),
                name="reform_calendar_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"calendar:{self.academic_year}"


class DisclosureState(models.TextChoices):
    OPEN = "open", _("公示中")
    CLOSED = "closed", _("公示期满")


class Disclosure(models.Model):  # 公示
    assessment = models.OneToOneField(
        SchoolAssessment, on_delete=models.PROTECT, related_name="disclosure"
    )
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        max_length=10, choices=DisclosureState.choices, default=DisclosureState.OPEN
    )
    workdays = models.PositiveSmallIntegerField(_("公示期（工作日）"), default=5)
    opens_on = models.DateField(_("公示开始"))
    closes_on = models.DateField(_("公示截止"))
    show_names = models.BooleanField(_("公示主席团成员姓名"), default=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("公示")
        verbose_name_plural = _("公示")

    def __str__(self) -> str:
        return f"disclosure:{self.assessment_id}"


class RatingScale(models.Model):  # 评定等级（数据）
    name = models.CharField(_("名称"), max_length=40, unique=True)
    # [{"code": "excellent", "label": "优", "passes": true}, …] in order, best first.
    grades = models.JSONField(_("等级"), default=list)

    class Meta:
        verbose_name = _("评定等级")
        verbose_name_plural = _("评定等级")

    def __str__(self) -> str:
        return self.name

    def label_of(self, code: str) -> str:
        return next((g["label"] for g in self.grades if g["code"] == code), code)


class RatingState(models.TextChoices):
    PROPOSED = "proposed", _("市学联已提出")
    CONFIRMED = "confirmed", _("省学联已确认")


class Rating(models.Model):  # 评定
    assessment = models.OneToOneField(
        SchoolAssessment, on_delete=models.PROTECT, related_name="rating"
    )
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    scale = models.ForeignKey(RatingScale, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=RatingState.choices)
    proposed_grade = models.CharField(_("市学联建议等级"), max_length=20)
    proposed_note = models.TextField(_("市学联意见"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField()
    grade = models.CharField(_("确认等级"), max_length=20, blank=True)
    note = models.TextField(_("省学联意见"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("评定")
        verbose_name_plural = _("评定")

    def __str__(self) -> str:
        return f"rating:{self.assessment_id}"


class FeedbackLetter(models.Model):  # 反馈函（致学校党委）
    assessment = models.OneToOneField(
        SchoolAssessment, on_delete=models.PROTECT, related_name="letter"
    )
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    issuer = models.CharField(_("发文机关"), max_length=60)
    number = models.CharField(_("发文字号"), max_length=40)  # 演示省学联函〔2026〕12号
    title = models.CharField(_("标题"), max_length=120)
    addressee = models.CharField(_("主送机关"), max_length=60)  # 某某大学党委
    body = models.TextField(_("正文"))
    issued_on = models.DateField(_("成文日期"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("反馈函")
        verbose_name_plural = _("反馈函")

    def __str__(self) -> str:
        return self.number


class RectificationState(models.TextChoices):
    OPEN = "open", _("整改中")
    CLOSED = "closed", _("已完成")


class ClosedHow(models.TextChoices):
    RECOMPUTED = "recomputed", _("重新计算已达标")
    ACCEPTED = "accepted", _("审核人认可整改材料")


class RectificationItem(models.Model):  # 整改事项
    assessment = models.ForeignKey(
        SchoolAssessment, on_delete=models.PROTECT, related_name="rectifications"
    )
    result = models.ForeignKey("reform.Result", on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    union = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("责任人"),
    )
    due_on = models.DateField(_("整改期限"))
    state = models.CharField(
        max_length=10, choices=RectificationState.choices, default=RectificationState.OPEN
    )
    closed_how = models.CharField(max_length=12, choices=ClosedHow.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("整改事项")
        verbose_name_plural = _("整改事项")
        constraints = [
            models.UniqueConstraint(fields=["result"], name="reform_rectification_once"),
        ]
        indexes = [models.Index(fields=["school", "state"], name="reform_rectification_school")]

    def __str__(self) -> str:
        return f"rectification:{self.result_id}"


class RectificationNote(models.Model):  # 整改进展
    item = models.ForeignKey(RectificationItem, on_delete=models.CASCADE, related_name="notes")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("进展"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"note:{self.item_id}"


class MeetingKind(models.TextChoices):
    CALL_IN = "call_in", _("约谈（请上来）")
    EXCHANGE = "exchange", _("交流（水源计划）")
    VISIT = "visit", _("走访")


class Meeting(models.Model):  # 约谈、交流与走访记录
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(
        SchoolAssessment, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=MeetingKind.choices)
    held_on = models.DateField(_("日期"))
    attendees = models.TextField(_("参加人员"))
    issues = models.TextField(_("谈及问题"))
    follow_ups = models.TextField(_("后续事项"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    host = models.ForeignKey(
        "orgs.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("主持单位")
    )  # the city or province federation
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("约谈与交流")
        verbose_name_plural = _("约谈与交流")
        indexes = [models.Index(fields=["school", "held_on"], name="reform_meeting_school")]

    def __str__(self) -> str:
        return f"meeting:{self.school_id}:{self.held_on}"


# --- issue 17: the review chain (part E) ---------------------------------------------------


class ReviewReminder(models.Model):  # 审核截止提醒（每份自评每个层级一次）
    """The marker of one reminder sent: the worker reminds a level once per assessment."""

    assessment = models.ForeignKey(
        SchoolAssessment, on_delete=models.CASCADE, related_name="reminders"
    )
    level = models.CharField(max_length=10)  # union / school / city / province
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "level"], name="reform_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"reminder:{self.assessment_id}:{self.level}"
