"""What a file is, judged by its bytes (never by its name or the browser's word), and
images re-encoded from their pixels so no EXIF block, GPS position or comment survives.

    upload ──► kind_of (magic bytes; a zip must be a Word or Excel document) ──► size limit
           ──► image: decode, turn upright, scale down, re-encode ──► stored bytes
"""

import io
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tongxin.core.errors import DomainError

from .models import IMAGE_KINDS, Kind

MAX_SIDE = 2560  # larger pictures are scaled down: a phone photo stays readable
MAX_PIXELS = 40_000_000  # checked before decoding: refuses decompression bombs
PIL_FORMAT = {Kind.JPEG: "JPEG", Kind.PNG: "PNG", Kind.WEBP: "WEBP"}
ACCEPTED = "JPEG、PNG、WebP 图片，PDF、Word（.docx）、Excel（.xlsx）文件"


@dataclass
class Checked:
    kind: Kind
    content: ContentFile[bytes]
    size: int
    width: int | None = None
    height: int | None = None


def _refuse(message: str, upload: UploadedFile, **more: str) -> DomainError:
    return DomainError(message % {"name": upload.name or "?", **more}, field="file")


def _office_kind(upload: UploadedFile) -> Kind | None:
    """A zip is accepted only as a Word or Excel document without macros."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names or any(n.endswith("vbaProject.bin") for n in names):
        return None
    if "word/document.xml" in names:
        return Kind.DOCX
    if "xl/workbook.xml" in names:
        return Kind.XLSX
    return None


def kind_of(upload: UploadedFile) -> Kind | None:
    upload.seek(0)
    head = upload.read(16)
    if head.startswith(b"\xff\xd8\xff"):
        return Kind.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Kind.PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Kind.WEBP
    if head.startswith(b"%PDF-"):
        return Kind.PDF
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(upload)
    return None


def limit_of(kind: Kind) -> int:
    key = "image" if kind in IMAGE_KINDS else "document"
    return int(settings.ATTACHMENT_MAX_BYTES[key])


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:g}"


def check(upload: UploadedFile, *, images_only: bool = False) -> Checked:
    """The upload's kind and the bytes to store, or a DomainError naming the file."""
    kind = kind_of(upload)
    if images_only and kind not in IMAGE_KINDS:
        raise _refuse(_("文件“%(name)s”不是图片：只接受 JPEG、PNG、WebP 图片。"), upload)
    if kind is None:
        raise _refuse(
            _("文件“%(name)s”的类型不受支持：只接受%(accepted)s。"), upload, accepted=ACCEPTED
        )
    size = upload.size or 0
    if size > limit_of(kind):
        raise _refuse(_("文件“%(name)s”超过 %(mb)s MB。"), upload, mb=_mb(limit_of(kind)))
    if kind in IMAGE_KINDS:
        return _reencode(upload, kind)
    upload.seek(0)
    data = upload.read()
    return Checked(kind, ContentFile(data, name=f"{uuid.uuid4().hex}.{kind}"), len(data))


def _decode(upload: UploadedFile) -> Image.Image:
    upload.seek(0)
    with Image.open(upload) as source:
        if source.width * source.height > MAX_PIXELS:
            raise ValueError("too many pixels")
        source.load()
        upright = ImageOps.exif_transpose(source) or source
        mode = "RGBA" if "A" in upright.getbands() or "transparency" in upright.info else "RGB"
        return upright.convert(mode)


def _reencode(upload: UploadedFile, kind: Kind) -> Checked:
    try:
        image = _decode(upload)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise _refuse(_("图片“%(name)s”无法读取，请换一张。"), upload) from exc
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    # A new image gets the pixels only: no info, EXIF, XMP, ICC or text chunk comes along.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    if kind == Kind.JPEG and clean.mode == "RGBA":
        clean = clean.convert("RGB")
    out = io.BytesIO()
    clean.save(out, format=PIL_FORMAT[kind], **({"quality": 85} if kind != Kind.PNG else {}))
    data = out.getvalue()
    name = f"{uuid.uuid4().hex}.{'jpg' if kind == Kind.JPEG else kind}"
    return Checked(kind, ContentFile(data, name=name), len(data), clean.width, clean.height)
