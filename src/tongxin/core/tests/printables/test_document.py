"""The base every printable shares: page numbers, the running header, the demo banner, the
Chinese date and 文号, and tables that refuse rows of the wrong shape."""

import datetime

import pytest

from tongxin.core.errors import DomainError
from tongxin.core.printables import (
    DEMO_BANNER,
    Document,
    Table,
    chinese_date,
    reference_number,
)

from .reading import page_texts


def _two_pages(document: Document) -> list[str]:
    document.heading("第一页")
    document.add_page()
    document.heading("第二页")
    return page_texts(document.to_bytes())


def test_a_plain_document_keeps_the_reports_footer_and_no_header() -> None:
    pages = _two_pages(Document("周报"))
    assert [page.splitlines()[-1] for page in pages] == ["周报 · 第 1 页", "周报 · 第 2 页"]
    assert pages[0].splitlines()[0] == "第一页"


def test_counted_pages_show_the_total_and_the_header_skips_a_bare_title_page() -> None:
    document = Document(
        "汇编", footer="", header="汇编 · 王喆", count_pages=True, bare_first_page=True
    )
    first, second = _two_pages(document)
    assert "王喆" not in first and "第 1 页" not in first
    assert second.splitlines()[0] == "汇编 · 王喆"
    assert second.splitlines()[-1] == "第 2 页 共 2 页"


def test_the_demo_banner_tops_every_page() -> None:
    pages = _two_pages(Document("演示", banner=DEMO_BANNER))
    assert all(page.startswith(DEMO_BANNER) for page in pages)


@pytest.mark.parametrize(
    ("day", "arabic", "characters"),
    [
        (datetime.date(2026, 12, 7), "2026年12月7日", "二〇二六年十二月七日"),
        (datetime.date(2030, 10, 20), "2030年10月20日", "二〇三〇年十月二十日"),
        (datetime.date(2027, 1, 31), "2027年1月31日", "二〇二七年一月三十一日"),
    ],
)
def test_chinese_dates_in_numerals_and_in_characters(
    day: datetime.date, arabic: str, characters: str
) -> None:
    assert chinese_date(day) == arabic
    assert chinese_date(day, in_characters=True) == characters


def test_a_reference_number_uses_hexagonal_brackets_without_leading_zeros() -> None:
    assert reference_number("苏学联函", 2026, 7) == "苏学联函〔2026〕7号"


def test_a_table_row_of_the_wrong_length_is_refused_naming_the_row() -> None:
    with pytest.raises(DomainError, match="第 2 行有 1 项，应有 2 项") as refused:
        Table(("姓名", "学校"), (("王喆", "一中"), ("李堃",)))
    assert refused.value.field == "rows"
