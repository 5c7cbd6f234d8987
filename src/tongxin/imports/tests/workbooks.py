"""Building .xlsx files in memory for the import tests."""

from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from openpyxl import Workbook

from tongxin.accounts.models import User
from tongxin.imports.models import ImportJob
from tongxin.imports.services import import_job_create, import_job_run
from tongxin.imports.spec import CLASSES, COLLEGES, OFFICES, STAFF, STUDENTS
from tongxin.orgs.models import Node

HEADERS = {spec.name: spec.headers for spec in (COLLEGES, CLASSES, OFFICES, STUDENTS, STAFF)}


def xlsx(sheets: dict[str, list[list[Any]]], *, headers: bool = True) -> bytes:
    """A workbook with one sheet per entry; the template's headers go first unless told not."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        if headers:
            sheet.append(HEADERS[name])
        for row in rows:
            sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def student(
    number: str,
    name: str = "学生甲",
    college: str = "计算机学院",
    klass: str = "计算机学院2024级1班",
    *,
    year: Any = 2024,
    level: str = "本专科",
    political: str = "共青团员",
    phone: Any = "13800001111",
    email: str = "",
    major: str = "软件工程",
) -> list[Any]:
    return [number, name, college, major, klass, year, level, political, phone, email]


def staff(
    number: str, name: str, unit: str, identity: str, phone: str = "13900002222"
) -> list[Any]:
    return [number, name, unit, identity, phone, ""]


def upload(content: bytes, name: str = "名单.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def fresh(obj: Model) -> Any:
    """A new copy from the database (no cached grants, no stale fields)."""
    return type(obj)._default_manager.get(pk=obj.pk)


def run_import(school: Node, actor: User, content: bytes) -> ImportJob:
    """Upload and run one job the way the worker does, without waiting for commit."""
    job = import_job_create(actor=actor, school=school, upload=upload(content))
    job = ImportJob.objects.select_related("school", "uploaded_by").get(pk=job.pk)
    return import_job_run(actor=job.uploaded_by, job=job)
