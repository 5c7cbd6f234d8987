"""Reading the academic office's workbook: one row per student and window.

Columns (Chinese headers): 学号, 学期, 统计口径 (最近一学期 / 最近一学年 / 入学以来),
综合排名, 专业人数, 未通过课程数. Every bad row is reported; nothing is written unless all
rows are good.
"""

import re
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import Workbook, load_workbook

from tongxin.imports.problems import RowError

from .models import Window

HEADERS = ["学号", "学期", "统计口径", "综合排名", "专业人数", "未通过课程数"]
SHEET = "成绩"
WINDOW_WORDS = {str(w.label): w.value for w in Window} | {
    "学期": "term",
    "学年": "year",
    "入学以来": "since_enrolment",
}
TERM = re.compile(r"^\d{4}-\d{4}-[12]$")


@dataclass(frozen=True)
class GradeRow:
    row: int
    number: str
    term: str
    window: str
    rank: int
    cohort: int
    failed: int


def template() -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append(HEADERS)
    sheet.append(["2024010001", "2025-2026-2", "最近一学期", 12, 120, 0])
    return book


def _int(value: Any, low: int) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer() and value >= low:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit() and int(value) >= low:
        return int(value)
    return None


def _cell(values: tuple[Any, ...], index: int) -> Any:
    return values[index] if index < len(values) else None


def _parse(row_no: int, values: tuple[Any, ...], errors: list[RowError]) -> GradeRow | None:
    def bad(column: str, reason: str) -> None:
        errors.append(RowError(sheet=SHEET, row=row_no, column=column, message=reason))

    number = str(_cell(values, 0) or "").strip()
    term = str(_cell(values, 1) or "").strip()
    window = WINDOW_WORDS.get(str(_cell(values, 2) or "").strip())
    rank, cohort, failed = (
        _int(_cell(values, 3), 1),
        _int(_cell(values, 4), 1),
        _int(_cell(values, 5), 0),
    )
    if not number:
        bad("学号", "学号不能为空")
    if not TERM.match(term):
        bad("学期", f"“{term}”不是“2025-2026-1”格式的学期")
    if window is None:
        bad("统计口径", "统计口径应为最近一学期、最近一学年或入学以来")
    if rank is None:
        bad("综合排名", "综合排名应为正整数")
    if cohort is None:
        bad("专业人数", "专业人数应为正整数")
    if failed is None:
        bad("未通过课程数", "未通过课程数应为 0 或正整数")
    if rank is not None and cohort is not None and rank > cohort:
        bad("综合排名", f"排名 {rank} 大于专业人数 {cohort}")
    if len(errors) and errors[-1].row == row_no:
        return None
    return GradeRow(
        row_no, number, term, str(window), int(rank or 0), int(cohort or 0), int(failed or 0)
    )


def read(stream: IO[bytes]) -> tuple[list[GradeRow], list[RowError]]:
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        return [], [
            RowError(sheet="", row=0, column="", message="文件不是有效的 Excel（.xlsx）文件")
        ]
    if SHEET not in book.sheetnames:
        return [], [RowError(sheet=SHEET, row=0, column="", message=f"找不到名为“{SHEET}”的工作表")]
    rows = book[SHEET].iter_rows(values_only=True)
    header = [str(v or "").strip() for v in next(rows, ())]
    if header[: len(HEADERS)] != HEADERS:
        return [], [
            RowError(sheet=SHEET, row=1, column="", message="表头应为：" + "、".join(HEADERS))
        ]
    parsed: list[GradeRow] = []
    errors: list[RowError] = []
    for row_no, values in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        found = _parse(row_no, values, errors)
        if found is not None:
            parsed.append(found)
    return parsed, errors
