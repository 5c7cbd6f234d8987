"""What a noticed object and its objections carry: abstract models each app subclasses.

    class Candidacy(Noticed, models.Model): …        the notice's six fields on the app's row
        notice_state_field = "state"; notice_running_state = "notice"
    class Objection(ObjectionBase):                   the app's own table of objections
        candidacy = ForeignKey(Candidacy, …); school = ForeignKey(Node, …)
        noticed_field = "candidacy"

Each app keeps its own tables (and their school column); the piece only names the fields
its functions read and write.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Noticed(models.Model):
    """An object that goes through a public notice (公示) counted in working days.

    The app's own state field says whether the notice runs (`notice_running_state`); the
    fields say how long it runs and what is still owed after a pause."""

    notice_workdays = models.PositiveSmallIntegerField(_("公示期（工作日）"), null=True, blank=True)
    notice_started_at = models.DateTimeField(_("公示开始"), null=True, blank=True)
    # The running segment: since the start, or since the last resumption after objections.
    notice_resumed_at = models.DateTimeField(_("本段公示开始"), null=True, blank=True)
    notice_days_left = models.PositiveSmallIntegerField(
        _("尚需公示（工作日）"), null=True, blank=True
    )
    notice_ends_at = models.DateTimeField(_("公示结束"), null=True, blank=True)
    notice_paused_at = models.DateTimeField(_("公示暂停于"), null=True, blank=True)

    # The app's state field and its value while the notice runs (neither paused nor ended):
    # the deadline recount and the "run out" check read them.
    notice_state_field: ClassVar[str] = "status"
    notice_running_state: ClassVar[str] = "notice"

    class Meta:
        abstract = True


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    UPHELD = "upheld", _("异议成立")
    DISMISSED = "dismissed", _("异议不成立")
    MOOT = "moot", _("无需处理（公示对象已办结）")


class ObjectionBase(models.Model):
    """An objection (异议) to a noticed object, answered in writing.

    A subclass adds the foreign key to its noticed object (named by `noticed_field`) and its
    school; it may narrow the statuses' labels with its own TextChoices of the same values."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("异议内容"))
    status = models.CharField(
        max_length=12, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    answer = models.TextField(_("书面答复"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    noticed_field: ClassVar[str] = "noticed"

    class Meta:
        abstract = True
