"""Printables: every PDF the site prints, on one base (docs/pieces/printables.md).

    font.py       the embedded GB 18030 font; printable() turns what it lacks into □
    document.py   Document: A4, the font, demo banner, running header, page numbers;
                  Table, Margins, chinese_date(), reference_number()
    letter.py     Letter → letter_pdf()        公函: letterhead, 文号, seal room
    book.py       Book, Section → book_pdf()   title page, sections, 第 n 页 共 m 页
    notice.py     Notice → notice_pdf()        公示: names, period, how to object
    ballot.py     Ballot → ballot_pdf()        选票: 赞成/不赞成/弃权, 另选他人, n per page
    checkin.py    CheckInSheet → checkin_pdf() 签到表: heading row on every page

Each layout takes a frozen dataclass of plain text and dates — the app has already read
its models, checked access and sorted the names — and returns the PDF as bytes. A
dataclass refuses what cannot print sensibly with a DomainError naming the field, so a view
shows a message rather than a broken file. An app with a print of its own (the weekly
report) draws on a Document directly.
"""

from .ballot import Ballot, ballot_pdf
from .book import Book, Section, book_pdf
from .checkin import Attendee, CheckInSheet, checkin_pdf
from .document import (
    BLACK,
    BLUE,
    DEMO_BANNER,
    GREY,
    ORANGE,
    RED,
    Document,
    Margins,
    Table,
    chinese_date,
    reference_number,
)
from .font import FONT, MISSING, printable
from .letter import Letter, letter_pdf
from .notice import Notice, notice_pdf

__all__ = [
    "BLACK",
    "BLUE",
    "DEMO_BANNER",
    "FONT",
    "GREY",
    "MISSING",
    "ORANGE",
    "RED",
    "Attendee",
    "Ballot",
    "Book",
    "CheckInSheet",
    "Document",
    "Letter",
    "Margins",
    "Notice",
    "Section",
    "Table",
    "ballot_pdf",
    "book_pdf",
    "checkin_pdf",
    "chinese_date",
    "letter_pdf",
    "notice_pdf",
    "printable",
    "reference_number",
]
