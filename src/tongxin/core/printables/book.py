"""A book (汇编, 手册, a year's report): a title page, then sections of paragraphs and tables
under a running header, every page but the title page numbered "第 n 页 共 m 页".

The title page counts as page 1 although it shows no number, so the printed number is the
one a PDF reader shows and a print dialog asks for.
"""

import datetime
from dataclasses import dataclass

from tongxin.core.errors import DomainError

from .document import GREY, Document, Table, chinese_date


@dataclass(frozen=True)
class Section:
    heading: str  # numbered by the caller (一、 / 第一章) as the book's style wants
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None
    new_page: bool = False


@dataclass(frozen=True)
class Book:
    title: str
    sections: tuple[Section, ...]
    subtitle: str = ""
    issuer: str = ""
    dated: datetime.date | None = None
    banner: str = ""

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise DomainError("书名不能为空。", field="title")
        if not self.sections:
            raise DomainError("这本书没有任何章节。", field="sections")


def _title_page(pdf: Document, book: Book) -> None:
    pdf.set_y(90)
    pdf.centred(book.title, 26)
    if book.subtitle:
        pdf.ln(6)
        pdf.centred(book.subtitle, 16, colour=GREY)
    pdf.set_y(220)
    if book.issuer:
        pdf.centred(book.issuer, 15)
    if book.dated:
        pdf.ln(2)
        pdf.centred(chinese_date(book.dated), 14)


def _section(pdf: Document, section: Section, first: bool) -> None:
    if first or section.new_page:
        pdf.add_page()
    else:
        pdf.keep_room(30)  # no heading alone at the foot of a page
        pdf.ln(4)
    pdf.heading(section.heading, 15)
    for text in section.paragraphs:
        pdf.paragraph(text)
        pdf.ln(1)
    if section.table:
        pdf.ln(2)
        pdf.table_of(section.table)


def book_pdf(book: Book) -> bytes:
    pdf = Document(
        book.title,
        footer="",
        header=book.title,
        banner=book.banner,
        count_pages=True,
        bare_first_page=True,
    )
    _title_page(pdf, book)
    for index, section in enumerate(book.sections):
        _section(pdf, section, first=index == 0)
    return pdf.to_bytes()
