"""A check-in sheet runs over pages with its heading row on each, numbered of the total."""

import pytest

from tongxin.core.errors import DomainError
from tongxin.core.printables import Attendee, CheckInSheet, checkin_pdf

from .reading import RARE, page_texts

SHEET = CheckInSheet(
    title="演示大学第十次学生代表大会代表签到表",
    subtitle="2026年12月7日上午 · 大礼堂",
    columns=("单位",),
    attendees=tuple(Attendee(f"{RARE[n % 4]}{n}", ("文学院",)) for n in range(1, 41)),
)


def test_a_long_sheet_repeats_its_heading_row_and_numbers_its_pages() -> None:
    pages = page_texts(checkin_pdf(SHEET))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        lines = page.splitlines()
        assert lines[0] == SHEET.title
        assert "序号 姓名 单位 签名" in lines
        assert lines[-1] == f"第 {number} 页 共 {len(pages)} 页"
    text = "\n".join(pages)
    assert all(f"{n} {person.name} 文学院" in text for n, person in enumerate(SHEET.attendees, 1))
    assert "应到 40 人" in pages[-1]


def test_an_attendee_missing_a_column_is_refused_naming_them() -> None:
    with pytest.raises(DomainError, match="第 2 人（李堃）有 0 项信息，应有 1 项") as refused:
        CheckInSheet(
            title="签到表",
            columns=("单位",),
            attendees=(Attendee("王喆", ("一中",)), Attendee("李堃")),
        )
    assert refused.value.field == "attendees"
