"""A comment on an object of any app that registered its model (COMMENTABLE): submitted,
then approved (shown to the subject's readers) or hidden by the unit's moderator
(comments/machine.py is its transition table)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Status(models.TextChoices):
    SUBMITTED = "submitted", "待审核"
    APPROVED = "approved", "已公开"
    HIDDEN = "hidden", "已隐藏"


class Comment(models.Model):
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("评论内容")
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "评论"
        verbose_name_plural = "评论"
        indexes = [
            models.Index(fields=["content_type", "object_id", "status"], name="comment_subject"),
            models.Index(fields=["school", "status"], name="comment_school_status"),
        ]

    def __str__(self) -> str:
        return f"{self.author_id}: {self.text[:20]}"
