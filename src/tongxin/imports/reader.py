"""Reading an uploaded .xlsx into plain rows: headers matched by name, empty rows skipped.

Nothing here touches the database; what the cells mean is checked in `cleaning`.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from .problems import RowError
from .spec import GUIDE_SHEET, SHEETS, SheetSpec

# A school of 50,000 students and its staff fits; a runaway file stops here.
MAX_ROWS = 60_000
UNREADABLE = "无法读取该文件：请上传用 Excel 或 WPS 保存的 .xlsx 文件（不支持 .xls、.csv）。"


class UnreadableWorkbook(Exception):
    """The file is not an .xlsx workbook openpyxl can open."""


@dataclass(frozen=True)
class RawRow:
    line: int  # the Excel row number
    cells: dict[str, Any]  # header → cell value


@dataclass
class RawWorkbook:
    sheets: dict[str, list[RawRow]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.sheets.values())


def open_workbook(source: IO[bytes]) -> Workbook:
    try:
        return load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # zip, XML and openpyxl errors alike mean "not a workbook"
        raise UnreadableWorkbook(UNREADABLE) from exc


def header_of(value: Any) -> str:
    """A header cell as written, minus spaces and a "required" star."""
    return str(value if value is not None else "").strip().rstrip("*＊").strip()


def read_workbook(
    source: IO[bytes], *, on_sheet: Callable[[int, int], None] | None = None
) -> RawWorkbook:
    """Every known sheet's rows; unknown sheets, missing headers and too many rows are errors."""
    book = open_workbook(source)
    result = RawWorkbook()
    try:
        specs = {spec.name: spec for spec in SHEETS}
        for name in book.sheetnames:
            if name.strip() not in specs and name.strip() != GUIDE_SHEET:
                result.errors.append(_unknown_sheet(name))
        for done, spec in enumerate(SHEETS, start=1):
            if spec.name in book.sheetnames:
                _read_sheet(book[spec.name], spec, result)
            if on_sheet is not None:
                on_sheet(done, len(SHEETS))
    except UnreadableWorkbook:
        raise
    except Exception as exc:  # a damaged sheet inside a valid zip
        raise UnreadableWorkbook(UNREADABLE) from exc
    finally:
        book.close()
    return result


def _unknown_sheet(name: str) -> RowError:
    known = "、".join(spec.name for spec in SHEETS)
    return RowError(
        sheet=name, row=0, column="", message=f"无法识别的工作表“{name}”：工作表名应为 {known}。"
    )


def _read_sheet(sheet: Any, spec: SheetSpec, result: RawWorkbook) -> None:
    if not isinstance(sheet, ReadOnlyWorksheet):
        return  # a chart sheet: nothing to read
    rows = _filled_rows(sheet)
    first = next(rows, None)
    if first is None:
        return  # an empty sheet: nothing to import from it
    positions = _header_positions(spec, first, result.errors)
    if positions is None:
        return
    kept: list[RawRow] = []
    for line, values in rows:
        if result.row_count + len(kept) >= MAX_ROWS:
            result.errors.append(
                RowError(spec.name, line, "", f"行数超过上限 {MAX_ROWS} 行，请拆分文件分批导入。")
            )
            break
        cells = {h: values[i] if i < len(values) else None for h, i in positions.items()}
        kept.append(RawRow(line=line, cells=cells))
    result.sheets[spec.name] = kept


def _filled_rows(sheet: ReadOnlyWorksheet) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values) of every row with something in it."""
    sheet.reset_dimensions()  # files from some tools declare a wrong used range
    for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if not all(_blank(v) for v in values):
            yield line, tuple(values)


def _header_positions(
    spec: SheetSpec, first: tuple[int, tuple[Any, ...]], errors: list[RowError]
) -> dict[str, int] | None:
    """Column index of each expected header; None (with errors) when one is missing.

    The headers must be on row 1: a sheet whose first filled row is lower lacks them.
    """
    line, values = first
    found: dict[str, int] = {}
    if line == 1:
        for index, value in enumerate(values):
            found.setdefault(header_of(value), index)
    missing = [c.header for c in spec.columns if not c.optional and c.header not in found]
    for header in missing:
        errors.append(RowError(spec.name, 1, header, f"第 1 行缺少表头“{header}”。"))
    if missing:
        return None
    return {c.header: found[c.header] for c in spec.columns if c.header in found}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
