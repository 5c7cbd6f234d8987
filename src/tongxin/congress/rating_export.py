"""The rating table as Excel (openpyxl): one row per union, the congress facts as 是/否 and
the grade with its notes. The rows are the table's with its filter, all pages at once: a
city has a few dozen school-level unions, a school a few dozen college unions, the province
a few hundred — the facts are still read in three queries (rating_facts.table_rows)."""

import datetime
import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from .rating_facts import TableRow

HEADER = [
    "城市",
    "学校代码",
    "学校",
    "学生会",
    "层级",
    "已申请",
    "已批复",
    "已召开",
    "已报告",
    "按期召开",
    "最近召开日期",
    "应召开日期",
    "等次",
    "评语",
    "评定人",
    "评定时间",
]
WIDTHS = [12, 10, 24, 28, 10, 8, 8, 8, 8, 10, 14, 14, 10, 40, 12, 18]


def _local(moment: datetime.datetime) -> datetime.datetime:
    """Excel keeps no time zone: the local wall time, to the second."""
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def _yes(value: bool) -> str:
    return "是" if value else "否"


def _cells(row: TableRow) -> list[object]:
    union, facts, rating = row.union, row.facts, row.rating
    school = union.school
    return [
        getattr(union, "city_name", "") or "",
        school.code if school else "",
        school.name if school else "",
        union.name,
        union.get_kind_display(),
        _yes(facts.applied),
        _yes(facts.approved),
        _yes(facts.held),
        _yes(facts.reported),
        _yes(facts.on_schedule),
        facts.last_held_on,
        facts.due_on,
        rating.get_grade_display() if rating else "未评定",
        rating.notes if rating else "",
        rating.rated_by.real_name if rating else "",
        _local(rating.rated_at) if rating else None,
    ]


def rating_table_xlsx(rows: list[TableRow], year: int) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"{year}年度代表大会评定"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="E8EEF7")
    for row in rows:
        sheet.append(_cells(row))
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    for column in "KL":
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"
    for cell in sheet["P"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
