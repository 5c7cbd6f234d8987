"""Checks on an uploaded file before it becomes a job: type, size, and that it opens."""

import zipfile

from django.core.files.uploadedfile import UploadedFile

from tongxin.core.errors import DomainError

from .reader import UNREADABLE

MAX_UPLOAD_MB = 10
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024


def check_upload(upload: UploadedFile) -> None:
    """Raise DomainError (field "file") unless `upload` is an .xlsx workbook within the limit."""
    name = upload.name or ""
    if not name.lower().endswith(".xlsx"):
        raise DomainError(
            "只能上传 .xlsx 文件。若是 .xls 或 .csv，请在 Excel 或 WPS 中另存为 .xlsx 后再上传。",
            field="file",
        )
    size = upload.size or 0
    if size > MAX_UPLOAD_BYTES:
        raise DomainError(
            f"文件过大（{size / 1024 / 1024:.1f} MB），上限为 {MAX_UPLOAD_MB} MB。"
            "请拆分后分批导入（已导入的学院、班级会被后续文件沿用）。",
            field="file",
        )
    if size == 0:
        raise DomainError("上传的文件是空的。", field="file")
    if not _looks_like_xlsx(upload):
        raise DomainError(UNREADABLE, field="file")


def _looks_like_xlsx(upload: UploadedFile) -> bool:
    """An .xlsx is a zip holding xl/workbook.xml. Checking that much is instant; damage
    deeper inside is reported by the job, which reads every cell anyway."""
    try:
        with zipfile.ZipFile(upload) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
