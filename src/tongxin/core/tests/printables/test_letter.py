"""A letter to a school's Party committee carries its 文号, its date in Chinese and the names
it speaks of, rare characters included."""

import datetime
from dataclasses import replace

import pytest

from tongxin.core.errors import DomainError
from tongxin.core.printables import DEMO_BANNER, Letter, letter_pdf, reference_number

from .reading import pdf_text

LETTER = Letter(
    issuer="演示省学生联合会",
    reference=reference_number("演学联函", 2026, 12),
    title="关于2026年度学生会组织评议结果的函",
    addressee="中共演示大学委员会",
    paragraphs=("经评议，贵校学生会评议等次为“好”。王喆、李堃同志工作扎实。", "特此函告。"),
    dated=datetime.date(2026, 12, 7),
    attachments=("评议结果明细表",),
    note="联系人：赵赟，电话：025-00000000",
    copied_to="共青团演示大学委员会",
)


def test_a_letter_carries_its_reference_date_addressee_and_names() -> None:
    text = pdf_text(letter_pdf(LETTER))
    for expected in (
        "演学联函〔2026〕12号",
        "2026年12月7日",
        "中共演示大学委员会：",
        "王喆、李堃同志",
        "附件：1．评议结果明细表",
        "（联系人：赵赟，电话：025-00000000）",
        "抄送：共青团演示大学委员会。",
    ):
        assert expected in text
    assert text.count("演示省学生联合会") == 2  # letterhead and signature
    assert text.splitlines()[-1] == "第 1 页"


def test_a_letter_may_be_dated_in_characters_and_carry_the_demo_banner() -> None:
    text = pdf_text(letter_pdf(replace(LETTER, date_in_characters=True, banner=DEMO_BANNER)))
    assert "二〇二六年十二月七日" in text
    assert text.startswith(DEMO_BANNER)


@pytest.mark.parametrize(
    ("change", "field"),
    [({"reference": " "}, "reference"), ({"paragraphs": ()}, "paragraphs")],
)
def test_a_letter_without_reference_or_body_is_refused(
    change: dict[str, object], field: str
) -> None:
    with pytest.raises(DomainError) as refused:
        replace(LETTER, **change)
    assert refused.value.field == field
