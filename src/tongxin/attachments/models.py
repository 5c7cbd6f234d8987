"""A file attached to an object of any app that registered its model (ATTACHABLE).

The row carries its school (large tables do) and points at its subject by content type and
id: an add-on with no workflow of its subject. Files are never under a public URL: the one
serving view (views.download) asks the subject's read permission first.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Kind(models.TextChoices):
    JPEG = "jpeg", "JPEG 图片"
    PNG = "png", "PNG 图片"
    WEBP = "webp", "WebP 图片"
    PDF = "pdf", "PDF 文档"
    DOCX = "docx", "Word 文档"
    XLSX = "xlsx", "Excel 表格"


IMAGE_KINDS = {Kind.JPEG, Kind.PNG, Kind.WEBP}
MIME = {
    Kind.JPEG: "image/jpeg",
    Kind.PNG: "image/png",
    Kind.WEBP: "image/webp",
    Kind.PDF: "application/pdf",
    Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class Attachment(models.Model):
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    file = models.FileField(upload_to="attachments/%Y/%m/", max_length=200)
    name = models.CharField("文件名", max_length=120)  # as uploaded, shown and downloaded
    kind = models.CharField("类型", max_length=8, choices=Kind.choices)
    size = models.PositiveIntegerField("大小（字节）")  # of the stored (re-encoded) file
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    # None: stored by the subject's own service without naming anyone (an anonymous
    # reporter's photo; attachments.services.attachment_store).
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_subject")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.kind in IMAGE_KINDS

    @property
    def mime(self) -> str:
        return MIME[Kind(self.kind)]
