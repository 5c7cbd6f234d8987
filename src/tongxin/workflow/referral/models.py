"""The fields of a referred item and of a co-office's opinion, as abstract models that each
app's own models inherit (each app keeps its own tables and column names).

    referred ── reply ──► answer (or answer_draft ── approve ──► answer) ── rate ──► rating
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    """The requester's rating of the reply (and of what was done about it)."""

    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")
    UNRATED = "unrated", _("未评价")  # closed by the worker when no rating came in time


class Referable(models.Model):
    """An item that may be referred to offices of its school: the offices, the reply (with
    the draft awaiting the office head's approval) and the requester's rating.

    The concrete model carries `school` (every large table does) and its own state; the
    field names are the rights desk's, which had them first."""

    lead_office = models.ForeignKey(
        "orgs.Node", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    co_offices = models.ManyToManyField("orgs.Node", blank=True, related_name="+")
    # When the item was last referred (None while no office holds it).
    referred_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    answer_draft = models.TextField(blank=True)  # awaiting the office head's approval
    answered_at = models.DateTimeField(null=True, blank=True)
    rating = models.CharField(_("评价"), max_length=16, choices=Rating.choices, blank=True)
    rating_reason = models.TextField(blank=True)
    dissatisfied_count = models.PositiveSmallIntegerField(default=0)

    # The concrete model's school (a foreign key named `school`).
    school_id: int

    class Meta:
        abstract = True


class OfficeInputBase(models.Model):
    """A co-office's opinion for the lead office (协办部门意见). The concrete model adds its
    foreign key to the item and names it in ITEM_FIELD."""

    ITEM_FIELD: ClassVar[str] = "item"

    office = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
