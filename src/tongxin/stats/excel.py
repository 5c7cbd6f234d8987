"""Excel exports (openpyxl): a school's statistics, the cross-school overview and a weekly
report. Every figure is a number with a number format and one unit per column: counts
(件), rates (a fraction shown as a percent) and durations (hours, never days mixed in).
No rate or median is an empty cell with "—" beside it in the text column, never a zero."""

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from tongxin.orgs.models import NodeKind

from .figures import Figures, Rate, SchoolStats, SeriesPoint
from .periods import Period
from .reports import WeeklyView
from .selectors import OverviewRow

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E8EEF7")


def _sheet(book: Workbook, title: str, header: list[str], rows: Iterable[list[Any]]) -> Worksheet:
    sheet = book.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for row in rows:
        sheet.append(row)
    for index, _title in enumerate(header, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = 16 if index > 1 else 28
    sheet.freeze_panes = "A2"
    return sheet


def _rate_cells(rate: Rate) -> list[Any]:
    return [rate.value, rate.numerator, rate.denominator]


def _percent(sheet: Worksheet, columns: Iterable[str]) -> None:
    for column in columns:
        for cell in sheet[column][1:]:
            cell.number_format = "0.0%"


def _save(book: Workbook) -> bytes:
    del book[book.sheetnames[0]]  # the empty default sheet
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SUMMARY_HEADER = ["数量（件）", "比率", "用时（小时）", "说明"]


def _hours(hours: float | None) -> float | None:
    return None if hours is None else round(hours, 1)


def _figure_rows(figures: Figures) -> list[list[Any]]:
    """指标 | 数量 | 比率 | 用时（小时） | 说明: each column holds one unit."""
    rows: list[list[Any]] = [[label, n, None, None, ""] for _f, label, n in figures.transitions()]
    rows += [[f"评价：{label}", n, None, None, ""] for _f, label, n in figures.ratings()]
    for label, rate in [("按时率（全部时限）", figures.on_time), ("满意率", figures.satisfaction)]:
        note = f"{rate.text}（{rate.numerator}/{rate.denominator}）" if rate.denominator else "—"
        rows.append([label, None, rate.value, None, note])
    for label, median in [
        ("首次回复用时中位数", figures.first_reply),
        ("答复用时中位数", figures.answer),
    ]:
        rows.append([label, None, None, _hours(median.hours), median.text])
    return rows


def _summary(book: Workbook, title: str, figures: Figures) -> Worksheet:
    sheet = _sheet(book, "汇总", [title, *SUMMARY_HEADER], _figure_rows(figures))
    _percent(sheet, "C")
    for cell in sheet["D"][1:]:
        cell.number_format = "0.0"
    return sheet


def _series(book: Workbook, title: str, points: list[SeriesPoint]) -> None:
    _sheet(
        book,
        title,
        ["时间", "收到", "答复", "办结"],
        ([p.label, p.received, p.answered, p.closed] for p in points),
    )


def school_stats_xlsx(stats: SchoolStats, period: Period) -> bytes:
    book = Workbook()
    _summary(book, f"{stats.school_name} {period.label}", stats.figures)
    clocks = _sheet(
        book,
        "按时率",
        ["环节", "按时率", "按时", "到期"],
        ([label, *_rate_cells(rate)] for _c, label, rate in stats.figures.clock_rates()),
    )
    _percent(clocks, "B")
    categories = _sheet(
        book,
        "按类别",
        ["类别", "收到", "答复", "办结", "按时率", "满意率", "评价次数"],
        (
            [
                c.name,
                c.figures.counts["received"],
                c.figures.counts["answered"],
                c.figures.counts["closed"],
                c.figures.on_time.value,
                c.figures.satisfaction.value,
                c.figures.rated,
            ]
            for c in stats.categories
        ),
    )
    _percent(categories, "EF")
    _series(book, "按月", stats.months)
    _series(book, "按日", stats.days)
    return _save(book)


OVERVIEW_HEADER = [
    "代码",
    "学校",
    "所属",
    "收到",
    "答复",
    "办结",
    "按时率",
    "按时",
    "到期",
    "满意率",
    "满意+基本满意",
    "评价次数",
    "首次回复用时中位数（小时）",
    "答复用时中位数（小时）",
]


def school_place(school: Any) -> str:
    """The city (annotated by the overview), then the county for a school under one."""
    parent = school.parent
    county = f" · {parent.name}" if parent is not None and parent.kind == NodeKind.COUNTY else ""
    return f"{getattr(school, 'city_name', '')}{county}"


def overview_xlsx(rows: list[OverviewRow], period: Period) -> bytes:
    book = Workbook()
    body = [
        [
            r.school.code,
            r.school.name,
            school_place(r.school),
            r.received,
            r.answered,
            r.counts["closed"],
            *_rate_cells(r.on_time),
            *_rate_cells(r.satisfaction),
            _hours(r.first_reply.hours),
            _hours(r.answer.hours),
        ]
        for r in rows
    ]
    sheet = _sheet(
        book, f"各校对比{period.start:%Y%m%d}-{period.end:%Y%m%d}", OVERVIEW_HEADER, body
    )
    _percent(sheet, "GJ")
    for column in "MN":
        for cell in sheet[column][1:]:
            cell.number_format = "0.0"
    return _save(book)


def report_xlsx(view: WeeklyView) -> bytes:
    book = Workbook()
    _summary(book, view.title, view.figures)
    _sheet(book, "类别", ["类别", "收到"], view.data["top_categories"])
    _sheet(book, "每日", ["日期", "收到", "答复", "办结"], view.data["days"])
    items = view.overdue["items"]
    _sheet(
        book,
        "逾期事项" if view.full else "督办事项",
        ["诉求标题", "状态", "逾期环节", "到期日"],
        ([i["title"], i["status"], i["clock"], i["due"]] for i in items),
    )
    return _save(book)
