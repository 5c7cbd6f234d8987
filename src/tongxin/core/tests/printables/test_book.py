"""A book: an unnumbered title page, then every page under the running header and numbered
"第 n 页 共 m 页"; tables inside sections print their names."""

import datetime

import pytest

from tongxin.core.errors import DomainError
from tongxin.core.printables import Book, Section, Table, book_pdf

from .reading import RARE, page_texts

BOOK = Book(
    title="2026年度学生会工作汇编",
    subtitle="演示省学生联合会 编",
    issuer="演示省学生联合会",
    dated=datetime.date(2026, 12, 7),
    sections=(
        Section("一、工作概况", paragraphs=("全年工作平稳有序。" * 120,)),
        Section(
            "二、表彰名单",
            table=Table(("姓名", "学校"), tuple((name, "演示第一中学") for name in RARE)),
            new_page=True,
        ),
    ),
)


def test_a_book_numbers_every_page_after_the_title_page_under_its_running_header() -> None:
    title, *pages = page_texts(book_pdf(BOOK))
    total = len(pages) + 1
    assert total >= 3
    assert "2026年12月7日" in title and "第 1 页" not in title
    for number, page in enumerate(pages, start=2):
        lines = page.splitlines()
        assert lines[0] == BOOK.title
        assert lines[-1] == f"第 {number} 页 共 {total} 页"
    assert all(name in pages[-1] for name in RARE)


def test_a_book_without_sections_is_refused() -> None:
    with pytest.raises(DomainError, match="没有任何章节") as refused:
        Book(title="空书", sections=())
    assert refused.value.field == "sections"
