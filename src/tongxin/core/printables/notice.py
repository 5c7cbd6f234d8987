"""A public notice (公示) for the board: title, why it is posted, the table of names, the
period, where and how to object, and the issuer with the date.

The app computes the period (working days, tongxin.workdays) and writes the objection
sentence — who receives objections differs from notice to notice.
"""

import datetime
from dataclasses import dataclass

from tongxin.core.errors import DomainError

from .document import Document, Table, chinese_date


@dataclass(frozen=True)
class Notice:
    title: str  # e.g. 关于2026年度优秀学生干部拟表彰人选的公示
    issuer: str
    intro: tuple[str, ...]
    table: Table
    starts: datetime.date
    ends: datetime.date
    objection: str  # e.g. 如有异议，请于公示期内以书面形式向校团委（行政楼 305 室）反映。
    dated: datetime.date
    period_note: str = ""  # e.g. 5个工作日
    banner: str = ""

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise DomainError("公示缺少标题。", field="title")
        if self.ends < self.starts:
            raise DomainError("公示期的结束日早于开始日。", field="ends")
        if not self.objection.strip():
            raise DomainError("公示须写明如何提出异议。", field="objection")


def period_text(notice: Notice) -> str:
    note = f"（{notice.period_note}）" if notice.period_note else ""
    return f"公示期：{chinese_date(notice.starts)}至{chinese_date(notice.ends)}{note}。"


def notice_pdf(notice: Notice) -> bytes:
    pdf = Document(notice.title, footer="", banner=notice.banner, count_pages=True)
    pdf.ln(4)
    pdf.centred(notice.title, 18)
    pdf.ln(5)
    for text in notice.intro:
        pdf.paragraph(text)
    pdf.ln(3)
    pdf.table_of(notice.table, line_height=7)
    pdf.ln(4)
    pdf.paragraph(period_text(notice))
    pdf.paragraph(notice.objection)
    pdf.keep_room(30)
    pdf.ln(12)
    pdf.right_block([notice.issuer, chinese_date(notice.dated)])
    return pdf.to_bytes()
