"""The growth archive as a PDF (Chinese embedded, see tongxin.core.printables)."""

from django.utils import timezone

from tongxin.accounts.models import User
from tongxin.core.printables import Document

from .archive import Entry


def archive_pdf(person: User, entries: list[Entry], *, figures: bool) -> bytes:
    title = f"成长档案 · {person.real_name}"
    pdf = Document(title)
    pdf.heading(title, 16)
    school = person.school.name if person.school else ""
    college = person.college.name if person.college else ""
    pdf.heading(f"{school} {college} 学号 {person.number}", 10)
    rows = []
    for e in entries:
        detail = e.detail
        if figures and e.sensitive:
            detail = f"{detail} {e.sensitive}".strip()
        rows.append([e.day.isoformat(), e.kind, e.title, detail])
    pdf.rows(
        ["日期", "类别", "事项", "说明"], rows or [["", "", "（暂无记录）", ""]], (24, 20, 70, 66)
    )
    pdf.heading(f"导出时间：{timezone.localtime():%Y-%m-%d %H:%M}", 8)
    return bytes(pdf.output())
