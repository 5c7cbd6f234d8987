"""A public notice prints its names, its period in Chinese dates and how to object."""

import datetime
from dataclasses import replace

import pytest

from tongxin.core.errors import DomainError
from tongxin.core.printables import Notice, Table, notice_pdf

from .reading import RARE, pdf_text

NOTICE = Notice(
    title="关于2026年度优秀学生干部拟表彰人选的公示",
    issuer="共青团演示大学委员会",
    intro=("经个人申报、学院推荐、资格审查，拟表彰以下同学，现予公示。",),
    table=Table(("姓名", "学院"), tuple((name, "文学院") for name in RARE)),
    starts=datetime.date(2026, 12, 7),
    ends=datetime.date(2026, 12, 11),
    period_note="5个工作日",
    objection="如有异议，请于公示期内以书面形式向校团委（行政楼305室）反映。",
    dated=datetime.date(2026, 12, 7),
)


def test_a_notice_prints_names_period_objection_and_issuer() -> None:
    text = pdf_text(notice_pdf(NOTICE))
    assert all(name in text for name in RARE)
    assert "公示期：2026年12月7日至2026年12月11日（5个工作日）。" in text
    assert NOTICE.objection in text
    assert "共青团演示大学委员会\n2026年12月7日" in text


def test_a_notice_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(DomainError, match="结束日早于开始日") as refused:
        replace(NOTICE, ends=datetime.date(2026, 12, 6))
    assert refused.value.field == "ends"
