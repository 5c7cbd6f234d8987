"""The heat map as Excel (openpyxl): a header row, one row per school (city, county, type,
each indicator's share of passing unions as a percentage), then the passing schools per
indicator and the change against last year ("—" when there is none to compare)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from .heatmap_selectors import LEVEL_LABELS, Heatmap

FIXED = ["学校代码", "学校", "城市", "县（区）", "学校类型"]
PASSING_ROW = "达标学校数"
CHANGE_ROW = "较上一学年"
BOLD, SHADE = Font(bold=True), PatternFill("solid", fgColor="E8EEF7")


def heatmap_xlsx(heatmap: Heatmap) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    f = heatmap.filters
    sheet.title = f"{f.year}学年{LEVEL_LABELS.get(f.level, '')}"
    sheet.append([*FIXED, *(f"{c.indicator.number}. {c.indicator.short}" for c in heatmap.columns)])
    for row in heatmap.rows:
        school = row.school
        sheet.append(
            [
                school.code,
                school.name,
                row.city,
                row.county,
                school.get_school_type_display(),
                *(cell.share for cell in row.cells),
            ]
        )
        for cell in sheet[sheet.max_row][len(FIXED) :]:
            cell.number_format = "0%"
    sheet.append([PASSING_ROW, "", "", "", "", *(c.passing for c in heatmap.columns)])
    sheet.append([CHANGE_ROW, "", "", "", "", *(c.change_label for c in heatmap.columns)])
    for cell in [*sheet[1], *sheet[sheet.max_row - 1], *sheet[sheet.max_row]]:
        cell.font, cell.fill = BOLD, SHADE
    for letter, width in zip("ABCDE", [10, 24, 12, 16, 10], strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
