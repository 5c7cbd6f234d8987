"""The weekly report as PDF (fpdf2), with a CJK font embedded from the project, so Chinese
shows on a machine without any system font.

The font and the base document live in tongxin.core.printables.
"""

from tongxin.core.printables import BLUE, FONT, GREY, ORANGE, Document, printable

from .figures import CLOCK_LABELS, on_time
from .reports import WeeklyView


def _bar_chart(pdf: Document, days: list[list[object]]) -> None:
    """Received (blue) and answered (orange) per day, drawn with rectangles."""
    left, top, height, slot = pdf.l_margin + 8, pdf.get_y() + 2, 40.0, 24.0
    peak = max([1] + [int(str(d[1])) for d in days] + [int(str(d[2])) for d in days])
    pdf.set_draw_color(*GREY)
    pdf.line(left, top + height, left + slot * len(days), top + height)
    pdf.set_font(FONT, size=8)
    for i, day in enumerate(days):
        x = left + i * slot + 4
        for j, (value, colour) in enumerate(((day[1], BLUE), (day[2], ORANGE))):
            bar = height * int(str(value)) / peak
            pdf.set_fill_color(*colour)
            pdf.rect(x + j * 8, top + height - bar, 7, bar, style="F")
            pdf.set_xy(x + j * 8 - 1, top + height - bar - 4)
            pdf.cell(9, 4, str(value), align="C")
        pdf.set_xy(x - 2, top + height + 1)
        pdf.cell(18, 4, printable(day[0]), align="C")
    pdf.set_xy(pdf.l_margin, top + height + 7)
    pdf.set_font(FONT, size=8)
    pdf.set_text_color(*BLUE)
    pdf.cell(20, 4, printable("■ 收到"))
    pdf.set_text_color(*ORANGE)
    pdf.cell(20, 4, printable("■ 答复"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_font(FONT, size=10)


def _key_figures(pdf: Document, view: WeeklyView) -> None:
    figures = view.figures
    counts = figures.counts
    body = [
        ["收到诉求", f"{counts['received']} 件"],
        ["答复", f"{counts['answered']} 件"],
        ["办结", f"{counts['closed']} 件"],
        [
            "按时率（全部时限）",
            f"{view.on_time}（{view.on_time.numerator}/{view.on_time.denominator}）",
        ],
        [
            "满意率（满意+基本满意）÷ 评价次数",
            f"{view.satisfaction}（{view.satisfaction.numerator}/{view.satisfaction.denominator}）",
        ],
        ["未评价（不计入满意率）", f"{counts['rated_unrated']} 件"],
        ["首次回复用时中位数", figures.first_reply.text],
        ["答复用时中位数", figures.answer.text],
    ]
    pdf.rows(["指标", "本周"], body, (60, 40))
    clocks = [
        [label, str(on_time(counts, clock)), f"{counts[f'{clock}_met']}/{counts[f'{clock}_due']}"]
        for clock, label in CLOCK_LABELS.items()
    ]
    pdf.heading("各环节按时率", 11)
    pdf.rows(["环节", "按时率", "按时/到期"], clocks, (40, 30, 30))


def report_pdf(view: WeeklyView) -> bytes:
    pdf = Document(view.title)
    pdf.heading(view.title, 16)
    if not view.full:
        pdf.heading("市学联版：汇总数据及督办至市学联的事项", 10)
    pdf.heading("主要数据")
    _key_figures(pdf, view)
    pdf.heading("每日收到与答复")
    _bar_chart(pdf, view.data["days"])
    pdf.heading("诉求较多的类别")
    categories = [[name, f"{n} 件"] for name, n in view.data["top_categories"]]
    pdf.rows(["类别", "收到"], categories or [["（本周没有诉求）", ""]], (60, 40))
    overdue = view.overdue
    pdf.heading(f"{view.overdue_heading}（共 {overdue['total']} 件）")
    items = [[i["title"], i["status"], i["clock"], i["due"]] for i in overdue["items"]]
    pdf.rows(
        ["诉求标题", "状态", "逾期环节", "到期日"],
        items or [["（无）", "", "", ""]],
        (90, 25, 25, 30),
    )
    return bytes(pdf.output())
