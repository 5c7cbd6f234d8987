"""The annual reform self-assessment (改革自评, DOMAIN.md §6).

Named `reform` beside `assessment`, which is the officers' semester review (述职评议).

A catalogue (指标体系) is the indicator table of one academic year and one level: table 一
for school unions and graduate unions, table 二 for college unions. Indicators are data;
a published catalogue is frozen (a copy is edited for the next year). A result (自评结果)
is one union's verdict on one indicator of a catalogue, with the facts behind it; computed
indicators are written by the set-based pass (compute.py), the others by the union's
claim and the advisor's confirmation of its evidence (依据材料).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    SCHOOL = "school", _("表一（校学生会、研究生会）")
    COLLEGE = "college", _("表二（院级学生会）")


class CatalogueState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class VerdictRule(models.TextChoices):
    CORE_ITEMS = "core_items", _("★核心指标全部达标")
    ALL_ITEMS = "all_items", _("全部指标达标")
    PASS_MARK = "pass_mark", _("得分不低于及格线")


class ScoringModel(models.Model):  # 评分模型（数据）
    name = models.CharField(_("名称"), max_length=60, unique=True)
    pass_label = models.CharField(_("通过的写法"), max_length=10, default="是")
    fail_label = models.CharField(_("未通过的写法"), max_length=10, default="否")
    # Graded items (A/B/C/D) earn these percentages of their points.
    grade_percents = models.JSONField(
        _("分档得分比例"), default=dict, help_text=_('例如 {"A": 100, "B": 60, "C": 40, "D": 0}')
    )
    materials_weight = models.PositiveSmallIntegerField(_("材料权重（%）"), default=100)
    presentation_weight = models.PositiveSmallIntegerField(_("展示权重（%）"), default=0)
    pass_mark = models.PositiveSmallIntegerField(_("及格线（百分制）"), null=True, blank=True)
    verdict_rule = models.CharField(
        _("总体结论规则"),
        max_length=16,
        choices=VerdictRule.choices,
        default=VerdictRule.CORE_ITEMS,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("评分模型")
        verbose_name_plural = _("评分模型")
        constraints = [
            models.CheckConstraint(
                condition=Q(materials_weight__lte=100) & Q(presentation_weight__lte=100),
                name="reform_scoring_weights_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Catalogue(models.Model):  # 指标体系（某学年、某层级）
    academic_year = models.PositiveSmallIntegerField(_("学年（起始年份）"))
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    title = models.CharField(_("名称"), max_length=100)
    state = models.CharField(
        _("状态"), max_length=10, choices=CatalogueState.choices, default=CatalogueState.DRAFT
    )
    scoring = models.ForeignKey(
        ScoringModel, on_delete=models.PROTECT, related_name="+", verbose_name=_("评分模型")
    )
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("说明"), blank=True)
    version = models.PositiveIntegerField(default=1)
    # Bumped by every write that changes a verdict of this catalogue (a computing pass, an
    # advisor's decision on evidence): pages keyed on it remember their figures until then.
    results_stamp = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("指标体系")
        verbose_name_plural = _("指标体系")
        ordering = ["-academic_year", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["academic_year", "level"], name="reform_catalogue_year"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_frozen(self) -> bool:
        return self.state == CatalogueState.PUBLISHED

    @property
    def year_label(self) -> str:
        return f"{self.academic_year}—{self.academic_year + 1} 学年"


def results_changed(catalogue_id: int) -> None:
    """Mark `catalogue_id`'s verdicts changed (inside the writing service's transaction)."""
    Catalogue.objects.filter(pk=catalogue_id).update(results_stamp=models.F("results_stamp") + 1)


class Mark(models.TextChoices):
    CORE = "core", "★"
    OBSERVATION = "observation", "▲"
    PLAIN = "", _("（无）")


class IndicatorKind(models.TextChoices):
    COMPUTED = "computed", _("系统计算")
    YES_NO = "yes_no", _("是否（依据材料）")
    NUMBER = "number", _("数值与阈值")
    GRADED = "graded", _("分档（A/B/C/D）")


class Check(models.TextChoices):
    """What a computed indicator computes (compute.py holds one function per check)."""

    STAFF_LIMIT = "staff_limit", _("工作人员人数不超过上限")
    PRESIDIUM_LIMIT = "presidium_limit", _("主席团成员人数不超过上限")
    DEPARTMENT_LIMIT = "department_limit", _("工作部门数不超过上限")
    STRUCTURE = "structure", _("主席团加工作部门，无中心、办公室")
    POSITIONS = "positions", _("无规定以外的职务")
    POLITICAL = "political", _("均为共青团员或中共（预备）党员")
    ACADEMIC = "academic", _("均符合学业要求")
    SELECTION_PATH = "selection_path", _("均经规定程序选拔产生")
    PRESIDIUM_ELECTED = "presidium_elected", _("主席团由代表大会选举产生")
    CONGRESS_ON_SCHEDULE = "congress_on_schedule", _("按期召开代表大会")


class Indicator(models.Model):  # 指标
    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE, related_name="indicators")
    number = models.PositiveSmallIntegerField(_("序号"))
    text = models.TextField(_("指标内容"))
    short = models.CharField(_("简称"), max_length=20)  # the heat map's column head
    mark = models.CharField(_("标记"), max_length=12, choices=Mark.choices, blank=True)
    kind = models.CharField(_("类型"), max_length=10, choices=IndicatorKind.choices)
    computes = models.CharField(_("计算项"), max_length=24, choices=Check.choices, blank=True)
    threshold = models.PositiveIntegerField(_("阈值"), null=True, blank=True)
    remark_template = models.CharField(
        _("备注写法"), max_length=60, blank=True, help_text=_("例如“实有 {count} 人”")
    )
    points = models.DecimalField(_("分值"), max_digits=5, decimal_places=1, null=True, blank=True)
    # Data that may predate Tongxin (officers imported without a selection record, a
    # congress held before): the union may attach evidence that the advisor confirms.
    evidence_for_past = models.BooleanField(_("可依据材料认定（平台上线前的情况）"), default=False)

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        ordering = ["catalogue", "number"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "number"], name="reform_indicator_number"),
            models.CheckConstraint(
                condition=~Q(kind="computed") | ~Q(computes=""), name="reform_computed_has_check"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.short}"

    @property
    def is_core(self) -> bool:
        return self.mark == Mark.CORE


class Source(models.TextChoices):
    COMPUTED = "computed", _("系统计算")
    EVIDENCE = "evidence", _("依据材料")
    PENDING = "pending", _("待填报")


class Result(models.Model):  # 自评结果（一个学生会、一项指标）
    catalogue = models.ForeignKey(Catalogue, on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="results")
    union = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    # The system's verdict and the facts behind it (None: not computable, or a manual item).
    computed_passed = models.BooleanField(null=True)
    facts = models.JSONField(default=dict)
    remark = models.CharField(_("备注"), max_length=200, blank=True)  # 实有 31 人
    # The verdict shown: the computed one, or the one the advisor confirmed from evidence.
    passed = models.BooleanField(null=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.PENDING)
    explanation = models.TextField(_("学生会说明"), blank=True)
    computed_on = models.DateField(null=True, blank=True)  # the day the facts are of
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("自评结果")
        verbose_name_plural = _("自评结果")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "union"], name="reform_result_once"),
        ]
        indexes = [
            models.Index(fields=["catalogue", "school"], name="reform_result_cat_school"),
            models.Index(fields=["school", "catalogue"], name="reform_result_school_cat"),
        ]

    def __str__(self) -> str:
        return f"result:{self.union_id}:{self.indicator_id}"


class EvidenceState(models.TextChoices):
    SUBMITTED = "submitted", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    REJECTED = "rejected", _("未采纳")


class Evidence(models.Model):  # 依据材料
    result = models.ForeignKey(Result, on_delete=models.PROTECT, related_name="evidence")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    # What the union states: passes or not (a yes/no item), a number, or a grade.
    claim_passed = models.BooleanField(_("是否达标"), null=True)
    claim_value = models.CharField(_("填报数值或档次"), max_length=20, blank=True)
    text = models.TextField(_("材料说明"))
    state = models.CharField(
        max_length=10, choices=EvidenceState.choices, default=EvidenceState.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("确认意见"), blank=True)

    class Meta:
        verbose_name = _("依据材料")
        verbose_name_plural = _("依据材料")
        constraints = [
            models.UniqueConstraint(
                fields=["result"],
                condition=Q(state="submitted"),
                name="reform_one_open_evidence",
            ),
        ]
        indexes = [models.Index(fields=["school", "state"], name="reform_evidence_school")]

    def __str__(self) -> str:
        return f"evidence:{self.result_id}"


# The review chain, disclosure, rating, letters, rectification and meetings (issue 17).
from .review_models import (  # noqa: E402, F401
    AssessmentState,
    ClosedHow,
    Disclosure,
    DisclosureState,
    FeedbackLetter,
    Meeting,
    MeetingKind,
    Rating,
    RatingScale,
    RatingState,
    RectificationItem,
    RectificationNote,
    RectificationState,
    ReviewCalendar,
    ReviewStep,
    SchoolAssessment,
    SheetState,
    UnionSheet,
)
