"""Selection of union officers (选拔任用, DOMAIN.md §3).

A candidacy (候选人) walks the path the reform prescribes — recommended by the college
League organisation, for the presidium consented by the college Party organisation,
jointly reviewed by student affairs and the League committee, for the presidium decided by
the school Party committee — then is publicly noticed (公示) for a number of working days
before the appointment goes through staff.services.structure.officer_appoint.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Position
from tongxin.workflow.notice.models import Noticed, ObjectionBase


class State(models.TextChoices):
    RECOMMENDED = "recommended", _("已推荐")
    COLLEGE_CONSENTED = "college_consented", _("院党组织已同意")
    REVIEWED = "reviewed", _("已通过联合审查")
    DECIDED = "decided", _("校党委已决定")
    FOR_ELECTION = "for_election", _("候选人（待代表大会选举）")
    ELECTED = "elected", _("已当选")
    NOT_ELECTED = "not_elected", _("未当选")
    NOTICE = "notice", _("公示中")
    PAUSED = "paused", _("公示暂停（异议处理中）")
    NOTICE_ENDED = "notice_ended", _("公示期满，待任命")
    APPOINTED = "appointed", _("已任命")
    REJECTED = "rejected", _("未通过")
    WITHDRAWN = "withdrawn", _("已撤回推荐")


FINAL_STATES = [State.APPOINTED, State.REJECTED, State.WITHDRAWN, State.NOT_ELECTED]
OPEN_STATES = [s for s in State.values if s not in FINAL_STATES]
UNDER_NOTICE = [State.NOTICE, State.PAUSED]


class SelectionSettings(models.Model):  # 学校的选拔设置
    """Per-school settings; a school without a row uses the defaults."""

    school = models.OneToOneField(
        "orgs.Node", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    notice_workdays = models.PositiveSmallIntegerField(_("公示期（工作日）"), default=5)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("选拔设置")
        verbose_name_plural = _("选拔设置")

    def __str__(self) -> str:
        return f"selection-settings:{self.school_id}"


class Candidacy(Noticed, models.Model):  # 候选人
    """The public notice's fields come from the shared piece (tongxin.workflow.notice)."""

    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    college = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    union = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    position = models.CharField(_("拟任职务"), max_length=24, choices=Position.choices)
    department = models.ForeignKey(
        "staff.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    state = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.RECOMMENDED
    )
    version = models.PositiveIntegerField(default=1)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recommendation = models.TextField(_("推荐意见"))
    # The public notice (公示, tongxin.workflow.notice): its column kept the name it had
    # before the piece was shared, so no row was rewritten.
    notice_paused_at = models.DateTimeField(
        _("公示暂停于"), null=True, blank=True, db_column="paused_at"
    )
    notice_state_field = "state"
    notice_running_state = State.NOTICE
    membership = models.OneToOneField(
        "accounts.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closing_reason = models.TextField(_("未通过或撤回的理由"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("候选人")
        verbose_name_plural = _("候选人")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "union"],
                condition=Q(state__in=OPEN_STATES),
                name="selection_one_open_candidacy_per_union",
            ),
        ]
        indexes = [
            models.Index(fields=["school", "state"], name="selection_cand_school_state"),
            models.Index(fields=["college", "state"], name="selection_cand_college_state"),
        ]

    def __str__(self) -> str:
        return f"candidacy:{self.pk}"

    @property
    def is_presidium(self) -> bool:
        return self.position in PRESIDIUM_POSITIONS

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class Step(models.TextChoices):
    RECOMMENDED = "recommended", _("院团组织推荐")
    CONSENTED = "consented", _("院党组织同意")
    WITHDRAWN = "withdrawn", _("撤回推荐")
    REVIEWED = "reviewed", _("学工部门与校团委联合审查")
    DECIDED = "decided", _("校党委决定")
    STOOD = "stood", _("提交代表大会选举")
    ELECTED = "elected", _("代表大会选举当选")
    NOT_ELECTED = "not_elected", _("代表大会选举未当选")
    PUBLISHED = "published", _("开始公示")
    OBJECTED = "objected", _("收到异议")
    PAUSED = "paused", _("公示暂停")
    DISMISSED = "dismissed", _("异议不成立")
    RESUMED = "resumed", _("公示恢复")
    RESCHEDULED = "rescheduled", _("公示期限调整")
    UPHELD = "upheld", _("异议成立")
    NOTICE_ENDED = "notice_ended", _("公示期满")
    APPOINTED = "appointed", _("任命")
    REJECTED = "rejected", _("不予任用")


class CandidacyEvent(models.Model):  # 选拔进程
    """One line of the candidacy's timeline. `restricted` text (an objection, its answer)
    is shown to the advisor only; others see the step without the text."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="events")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Step.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=60)
    text = models.TextField(blank=True)
    restricted = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.candidacy_id}:{self.kind}"


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    UPHELD = "upheld", _("异议成立")
    DISMISSED = "dismissed", _("异议不成立")
    MOOT = "moot", _("无需处理（候选人已不予任用）")


class Objection(ObjectionBase):  # 公示异议
    """Author, text, status, written answer: tongxin.workflow.notice.models.ObjectionBase."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="objections")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    # The shared statuses, with selection's wording of "moot".
    status = models.CharField(
        max_length=12, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )

    noticed_field = "candidacy"

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["candidacy", "status"], name="selection_obj_cand_status")]

    def __str__(self) -> str:
        return f"objection:{self.pk}"
