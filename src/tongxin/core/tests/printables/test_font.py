"""The PDF font prints every character a Chinese name uses in practice, and the text comes
back out of the file (readers search and copy it); what the font lacks prints as □."""

import datetime

import pytest

from tongxin.core.printables import MISSING, Document, printable

from .reading import pdf_text

# Outside GB 2312 (the old font's range) except 婧 琮 淼; 㛃 is in CJK Extension A.
RARE_NAMES = [
    ["王喆", "李堃", "陈昇", "赵赟"],
    ["孙珺", "周玥", "吴婧", "郑琮"],
    ["冯犇", "褚淼", "朱镕", "何㛃"],
]
COMMON = ["姓名", "学校", "张伟", "第一中学", "学生会", "2026年12月7日", "（一）", "ABC·123"]
# Unicode 11 is the font's edge: U+9FF0 onwards and U+4DB6 onwards came later.
UNIFIED = "".join(chr(c) for c in range(0x4E00, 0x9FF0))
EXTENSION_A = "".join(chr(c) for c in range(0x3400, 0x4DB6))


def test_rare_name_characters_print_and_extract_back() -> None:
    document = Document("罕见字测试")
    document.heading("姓名中的罕见字：" + "".join(COMMON))
    document.rows(["甲", "乙", "丙", "丁"], RARE_NAMES, (40, 40, 40, 40))
    text = pdf_text(bytes(document.output()))
    for ch in "".join(name for row in RARE_NAMES for name in row) + "".join(COMMON):
        assert ch in text, ch
    assert MISSING not in text


def test_every_unified_and_extension_a_ideograph_is_in_the_font() -> None:
    assert MISSING not in printable(UNIFIED + EXTENSION_A)


@pytest.mark.parametrize("outside", ["𠀀", "😀", "\U0002a6d6"])  # Extension B, emoji
def test_a_character_outside_the_font_prints_as_a_box(outside: str) -> None:
    assert printable(f"王{outside}明") == f"王{MISSING}明"


def test_a_document_with_a_character_outside_the_font_shows_the_box() -> None:
    document = Document("缺字测试")
    document.heading("李𠀀")
    assert "李□" in pdf_text(bytes(document.output()))


def _dated(title: str, text: str) -> bytes:
    document = Document(title)
    document.set_creation_date(datetime.datetime(2026, 12, 7, tzinfo=datetime.UTC))
    document.heading(text)
    return bytes(document.output())


def test_documents_share_the_parsed_font_but_nothing_a_document_uses() -> None:
    first = _dated("甲", "张喆")
    _dated("乙", "李堃 周玥 " + EXTENSION_A[:50])  # more glyphs, another descriptor
    assert _dated("甲", "张喆") == first
