"""Photo uploads: checked by content (not by name), re-encoded so EXIF and location data
never reach storage."""

import io
import uuid

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tongxin.core.errors import DomainError

MAX_PHOTOS = 6
MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 2560  # larger photos are scaled down: a phone picture stays readable
Image.MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs


def check_photos(files: list[UploadedFile]) -> None:
    if len(files) > MAX_PHOTOS:
        raise DomainError(_("最多上传 %(n)d 张照片。") % {"n": MAX_PHOTOS}, field="photos")
    for index, upload in enumerate(files, start=1):
        if upload.size is not None and upload.size > MAX_BYTES:
            raise DomainError(_("第 %(i)d 张照片超过 5 MB。") % {"i": index}, field="photos")


def reencode(upload: UploadedFile, index: int) -> tuple[ContentFile[bytes], int, int]:
    """Decode the upload as an image and write a fresh JPEG without any metadata."""
    try:
        upload.seek(0)
        with Image.open(upload) as source:
            source.load()
            image = ImageOps.exif_transpose(source) or source
            image = image.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise DomainError(
            _("第 %(i)d 个文件不是有效的图片。") % {"i": index}, field="photos"
        ) from exc
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg"), clean.width, clean.height
