"""The downloadable template: a 说明 sheet, then one sheet per kind with its Chinese headers."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .spec import (
    GENDER_WORDS,
    GUIDE_SHEET,
    IDENTITIES,
    LEVEL_WORDS,
    OFFICE_KINDS,
    POLITICAL_WORDS,
    SHEETS,
    SheetSpec,
)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_FILENAME = "同心-学校结构与人员导入模板.xlsx"
TEXT_COLUMNS = {"学号", "工号", "手机号"}
# Drop-down lists offered in the template (the reader also accepts a few aliases).
CHOICE_LISTS = {
    ("职能部门", "类别"): list(OFFICE_KINDS),
    ("学生", "层次"): list(LEVEL_WORDS),
    ("学生", "政治面貌"): list(POLITICAL_WORDS),
    ("学生", "性别"): list(GENDER_WORDS),
    ("教职工", "身份"): list(IDENTITIES),
}
GUIDE_LINES = [
    "同心 · 学校结构与人员导入说明",
    "1. 每类数据一个工作表：学院、班级、职能部门、学生、教职工。"
    "第 1 行是表头，请勿修改或移动；从第 2 行起每行一条。",
    "2. 用不到的工作表可以留空或删除，但不要改名，也不要新增其他工作表（本“说明”表除外）。",
    "3. 学院、班级、职能部门：系统中已有的同名单位会直接沿用，不会重复创建；"
    "学生和教职工可以引用已有单位或本文件新建的单位。",
    "4. 学号/工号在本校唯一。系统中已有的人员会被报为重复：导入只新建账号，不修改已有人员。",
    "5. 全部成功或全部不写入：任何一行有错，都不会写入任何数据，"
    "系统会列出每一处错误（工作表、行号、列、原因）。",
    "6. 导入的账号没有密码：由校团委老师在“人员”页面为本人签发激活链接，本人设置密码后即可登录。",
    "",
    "各列填写要求：",
]


def build_template() -> bytes:
    book = Workbook()
    guide = book.active
    assert guide is not None
    guide.title = GUIDE_SHEET
    _fill_guide(guide)
    for spec in SHEETS:
        _fill_sheet(book.create_sheet(spec.name), spec)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill_guide(sheet: Worksheet) -> None:
    for line in GUIDE_LINES:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["工作表", "列", "必填", "说明"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for spec in SHEETS:
        for column in spec.columns:
            sheet.append([spec.name, column.header, "否" if column.optional else "是", column.note])
    for letter, width in zip("ABCD", (14, 12, 6, 70), strict=True):
        sheet.column_dimensions[letter].width = width


def _fill_sheet(sheet: Worksheet, spec: SheetSpec) -> None:
    sheet.append(spec.headers)
    fill = PatternFill("solid", fgColor="FDE2E2")
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(horizontal="center")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, len(column.header) * 3)
        if column.header in TEXT_COLUMNS:  # keep leading zeros: Excel would read a number
            sheet.column_dimensions[letter].number_format = "@"
        words = CHOICE_LISTS.get((spec.name, column.header))
        if words:
            rule = DataValidation(type="list", formula1=f'"{",".join(words)}"', allow_blank=True)
            rule.add(f"{letter}2:{letter}20000")
            sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"
