"""The student congress, part 2: proposals (提案, DOMAIN.md §5). Imported by models.py.

    a delegate writes (草稿) ── invites co-signers (附议), who confirm or decline
        ── submit (≥ the minimum confirmed, inside the session's collection window) ──►
    the committee (提案工作委员会) decides: 立案 and refer to offices | 不予立案 (a ground) |
        并案 into another proposal (its proposers become co-proposers there)
    the lead office replies with a result class (A/B/C/D); co-offices add their parts;
        B 正在解决 gets progress updates until the final result
    the lead proposer rates (满意 / 基本满意 / 不满意: the first 不满意 owes one further reply)
        ──► 办结; co-proposers' ratings are recorded beside it

A student who is not a delegate sends a suggestion (意见建议) to the college's delegates; a
delegate may adopt it, or one of the student's own rights issues, as a proposal's basis.

The numbers (proposals per delegate, co-signers needed, further replies) are CongressRule
columns; the transition table is proposal_machine.PROPOSAL.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tongxin.workflow.clocks.models import ClockRun
from tongxin.workflow.referral.models import OfficeInputBase, Rating, Referable

__all__ = [
    "ACCEPTED_STATES",
    "PUBLISHED_STATES",
    "UNDECIDED_STATES",
    "Committee",
    "CommitteeMember",
    "DeadlineKind",
    "NotAcceptedGround",
    "Proposal",
    "ProposalCategory",
    "ProposalClock",
    "ProposalEvent",
    "ProposalGram",
    "ProposalInput",
    "ProposalRating",
    "ProposalSigner",
    "ProposalState",
    "ProposalWindow",
    "ResultClass",
    "SignerRole",
    "SignerStatus",
    "Suggestion",
    "SuggestionState",
]


class ProposalCategory(models.TextChoices):  # 提案类别
    EDUCATION = "education", _("教育教学")
    GROWTH = "growth", _("成长成才")
    LIFE = "life", _("生活服务")
    RIGHTS = "rights", _("权益维护")
    OTHER = "other", _("其他")


class ProposalWindow(models.Model):  # 提案征集期（一次会议一个）
    """The dates between which the session's delegates may submit proposals (inclusive)."""

    session = models.OneToOneField(
        "congress.Session", on_delete=models.PROTECT, related_name="proposal_window"
    )
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    union = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    opens_on = models.DateField(_("征集开始日期"))
    closes_on = models.DateField(_("征集截止日期"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("提案征集期")
        verbose_name_plural = _("提案征集期")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="congress_window_order",
            )
        ]

    def __str__(self) -> str:
        return f"proposal-window:{self.session_id}"

    def is_open_on(self, day: datetime.date) -> bool:
        return self.opens_on <= day <= self.closes_on


class Committee(models.Model):  # 提案工作委员会（一次会议一个）
    """Named per session: the advisor chairs it and records its decisions."""

    session = models.OneToOneField(
        "congress.Session", on_delete=models.PROTECT, related_name="proposal_committee"
    )
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("主任")
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("提案工作委员会")
        verbose_name_plural = _("提案工作委员会")

    def __str__(self) -> str:
        return f"committee:{self.session_id}"


class CommitteeMember(models.Model):  # 提案工作委员会委员
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The office the member comes from (None: a delegate member).
    office = models.ForeignKey(
        "orgs.Node", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "user"], name="congress_member_once")
        ]

    def __str__(self) -> str:
        return f"committee-member:{self.committee_id}:{self.user_id}"


class ProposalState(models.TextChoices):  # 提案状态
    DRAFT = "draft", _("征集附议中")
    SUBMITTED = "submitted", _("待审查")
    ACCEPTED = "accepted", _("已立案，待交办")
    REFERRED = "referred", _("办理中")
    PROGRESSING = "progressing", _("正在解决")
    REPLIED = "replied", _("已答复，待评价")
    FURTHER = "further", _("再次办理中")
    DONE = "done", _("已办结")
    NOT_ACCEPTED = "not_accepted", _("不予立案")
    MERGED = "merged", _("已并案")
    WITHDRAWN = "withdrawn", _("已撤回")


# Before the committee's decision: the proposers' own.
UNDECIDED_STATES = [ProposalState.DRAFT, ProposalState.SUBMITTED]
# Accepted and in the offices' hands, or done.
ACCEPTED_STATES = [
    ProposalState.ACCEPTED,
    ProposalState.REFERRED,
    ProposalState.PROGRESSING,
    ProposalState.REPLIED,
    ProposalState.FURTHER,
    ProposalState.DONE,
]
# What the school's students see in the published list (a draft is its writers' own).
PUBLISHED_STATES = [
    s for s in ProposalState.values if s not in (ProposalState.DRAFT, ProposalState.WITHDRAWN)
]


class NotAcceptedGround(models.TextChoices):  # 不予立案理由（DOMAIN.md §5）
    UNLAWFUL = "unlawful", _("与法律法规或上级规定相抵触")
    OUTSIDE_POWERS = "outside_powers", _("超出学校职权范围")
    PERSONAL = "personal", _("属个人或少数人利益诉求，不具代表性")
    FORMAT = "format", _("不符合提案格式要求")
    ACCUSES = "accuses", _("涉及对个人的指控")
    IN_HAND = "in_hand", _("相关工作已在推进")


class ResultClass(models.TextChoices):  # 办理结果分类
    A = "A", _("A 已解决")
    B = "B", _("B 正在解决")
    C = "C", _("C 条件不具备")
    D = "D", _("D 留作参考")


class DeadlineKind(models.TextChoices):  # 答复期限
    SIMPLE = "simple", _("简单：当月底前答复")
    COMPLEX = "complex", _("复杂：次月底前答复")
    WORKDAYS = "workdays", _("指定工作日内答复")


class Proposal(Referable, models.Model):  # 提案
    """One matter, written by a delegate of the session (the lead proposer)."""

    session = models.ForeignKey(
        "congress.Session", on_delete=models.PROTECT, related_name="proposals"
    )
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    union = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    # 提案编号 within the session, given at submission (None while a draft).
    number = models.PositiveIntegerField(_("编号"), null=True, blank=True)
    state = models.CharField(
        _("状态"), max_length=14, choices=ProposalState.choices, default=ProposalState.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("领衔人"),
    )
    title = models.CharField(_("案由"), max_length=100)
    category = models.CharField(_("类别"), max_length=10, choices=ProposalCategory.choices)
    background = models.TextField(_("背景"), blank=True)
    analysis = models.TextField(_("分析"), blank=True)
    suggestion = models.TextField(_("具体建议"))
    # What the proposal grew from: a student's suggestion or one of a student's rights issues.
    basis_suggestion = models.ForeignKey(
        "congress.Suggestion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    basis_issue = models.ForeignKey(
        "rights.Issue", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The committee's decision, recorded by the chair with the members present.
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    present = models.ManyToManyField(CommitteeMember, blank=True, related_name="+")
    ground = models.CharField(
        _("不予立案理由"), max_length=16, choices=NotAcceptedGround.choices, blank=True
    )
    decision_note = models.TextField(_("审查意见"), blank=True)
    # 不予立案 but useful: forwarded to an office as an opinion (转有关部门参考).
    forwarded_to = models.ForeignKey(
        "orgs.Node", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged"
    )
    # The reply's deadline, as the committee chose it, and the day it falls on.
    deadline_kind = models.CharField(
        _("答复期限"), max_length=10, choices=DeadlineKind.choices, blank=True
    )
    deadline_workdays = models.PositiveSmallIntegerField(_("工作日数"), null=True, blank=True)
    reply_due_at = models.DateTimeField(_("答复截止"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(default=0)
    result_class = models.CharField(
        _("办理结果"), max_length=1, choices=ResultClass.choices, blank=True
    )
    # 已办理: the lead office's first reply with a class (never cleared).
    handled_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)  # 办结
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("提案")
        verbose_name_plural = _("提案")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "number"],
                condition=Q(number__isnull=False),
                name="congress_proposal_number",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "state", "id"], name="congress_prop_session_state"),
            models.Index(fields=["school", "state", "id"], name="congress_prop_school_state"),
            models.Index(fields=["lead", "session"], name="congress_prop_lead"),
            models.Index(fields=["lead_office", "state"], name="congress_prop_office_state"),
            # The statistics of a union's officers (proposal_publish.stats_scope_for).
            models.Index(fields=["union", "state"], name="congress_prop_union_state"),
        ]

    def __str__(self) -> str:
        return f"proposal:{self.pk}"

    @property
    def handled(self) -> bool:
        return self.handled_at is not None


class SignerRole(models.TextChoices):
    COSIGNER = "cosigner", _("附议人")
    # A proposer of a proposal merged into this one (并案).
    CO_PROPOSER = "co_proposer", _("并案提案人")


class SignerStatus(models.TextChoices):
    INVITED = "invited", _("已邀请")
    CONFIRMED = "confirmed", _("已确认")
    DECLINED = "declined", _("已谢绝")


class ProposalSigner(models.Model):  # 附议人与并案提案人
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="signers")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=12, choices=SignerRole.choices, default=SignerRole.COSIGNER)
    status = models.CharField(
        max_length=10, choices=SignerStatus.choices, default=SignerStatus.INVITED
    )
    # The proposal this person proposed, when they came here by a merge.
    from_proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["invited_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="congress_signer_once")
        ]
        # "My invitations" on a delegate's home page.
        indexes = [models.Index(fields=["user", "status"], name="congress_signer_user")]

    def __str__(self) -> str:
        return f"signer:{self.proposal_id}:{self.user_id}"


class ProposalRating(models.Model):  # 提案人评价（领衔人的评价决定办结；其他人的记录并显示）
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="ratings")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_lead = models.BooleanField(default=False)
    # Which reply was rated: 0 the first, 1 the further reply after a 不满意.
    round = models.PositiveSmallIntegerField(default=0)
    rating = models.CharField(_("评价"), max_length=16, choices=Rating.choices)
    reason = models.TextField(_("理由"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user", "round"], name="congress_rating_once_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"proposal-rating:{self.proposal_id}:{self.user_id}:{self.round}"


class ProposalInput(OfficeInputBase):  # 协办部门意见
    ITEM_FIELD = "proposal"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="inputs")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"proposal-input:{self.proposal_id}:{self.office_id}"


class ProposalEvent(models.Model):  # 提案进程（时间线）
    """Every step with its actor and text: the decision, the reply, a B item's progress."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20)  # the transition table's `done` verb
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=60)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.proposal_id}:{self.kind}"


class ProposalClock(ClockRun):  # 提案答复时限
    owner_field = "proposal"
    owner_due_field = "reply_due_at"
    owner_level_field = "escalation_level"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="clocks")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [
            models.Index(
                fields=["due_at"],
                name="congress_pclock_open_due",
                condition=Q(stopped_at__isnull=True),
            ),
            models.Index(fields=["school", "due_at"], name="congress_pclock_school_due"),
        ]

    def __str__(self) -> str:
        return f"proposal-clock:{self.proposal_id}:{self.kind}"


class ProposalGram(models.Model):  # 提案标题的二元组（相似提案）
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey("congress.Session", on_delete=models.CASCADE, related_name="+")
    gram = models.CharField(max_length=20)

    class Meta:
        indexes = [models.Index(fields=["session", "gram"], name="congress_pgram_session")]

    def __str__(self) -> str:
        return f"{self.proposal_id}:{self.gram}"


class SuggestionState(models.TextChoices):  # 意见建议状态
    OPEN = "open", _("待代表采纳")
    ADOPTED = "adopted", _("已被采纳为提案")
    CLOSED = "closed", _("已答复，未形成提案")


class Suggestion(models.Model):  # 意见建议（非代表同学向本学院代表提出）
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    # The student's college: its delegates of the open session read it.
    college = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("内容"))
    state = models.CharField(
        max_length=10, choices=SuggestionState.choices, default=SuggestionState.OPEN
    )
    version = models.PositiveIntegerField(default=1)
    # The delegate who adopted it or answered it.
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("代表的回复"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("意见建议")
        verbose_name_plural = _("意见建议")
        indexes = [
            models.Index(fields=["college", "state", "id"], name="congress_sugg_college"),
            models.Index(fields=["author", "id"], name="congress_sugg_author"),
        ]

    def __str__(self) -> str:
        return f"suggestion:{self.pk}"
