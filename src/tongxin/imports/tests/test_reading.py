"""Cell by cell: what the reader and the cleaner accept."""

from io import BytesIO

import pytest
from django.utils import timezone, translation

from tongxin.accounts.models import PoliticalStatus
from tongxin.imports.cleaning import cell_text, clean_workbook
from tongxin.imports.reader import read_workbook
from tongxin.imports.spec import OFFICE_KINDS, POLITICAL_STATUSES
from tongxin.orgs.models import OfficeKind

from .workbooks import staff, student, xlsx


def _clean(sheets):
    return clean_workbook(read_workbook(BytesIO(xlsx(sheets))))


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (2024001, "2024001"), (2024001.0, "2024001"), ("  甲  ", "甲"), (1.5, "1.5")],
)
def test_cell_text(value, text):
    assert cell_text(value) == text


def test_friendly_spellings_are_accepted():
    roster = _clean(
        {
            "学生": [
                student("2025001", year="2024级", phone="+86 138-0000-1111", political="团员"),
                student(2025002, year=2024.0, phone=13800001111, level="本科"),
            ]
        }
    )
    assert roster.errors == []
    first, second = roster.students
    assert (first.year, first.phone, first.political) == (2024, "13800001111", "league_member")
    assert (second.number, second.year, second.level) == ("2025002", 2024, "undergraduate")


def test_blank_rows_are_skipped_and_row_numbers_kept():
    roster = _clean({"学生": [student("1"), [None] * 10, ["", " "], student("2", "")]})
    assert [s.line for s in roster.students] == [2, 5]
    assert [(e.row, e.column) for e in roster.errors] == [(5, "姓名")]


def test_a_year_in_the_future_is_refused():
    roster = _clean({"学生": [student("1", year=timezone.localdate().year + 5)]})
    assert roster.errors[0].column == "入学年份" and "不在" in roster.errors[0].message


def test_an_advisor_may_leave_the_unit_blank_but_others_may_not():
    roster = _clean(
        {"教职工": [staff("T1", "甲", "", "校团委老师"), staff("T2", "乙", "", "院团委书记")]}
    )
    assert [(e.row, e.column) for e in roster.errors] == [(3, "所在单位")]


def test_vocabularies_match_the_model_labels():
    with translation.override("zh-hans"):
        for status in PoliticalStatus:
            assert POLITICAL_STATUSES[str(status.label)] == status
        assert {str(k.label): k.value for k in OfficeKind} == OFFICE_KINDS
