"""Ballots (选票): a title, the seats to fill, one row per candidate with 赞成 / 不赞成 / 弃权
boxes, blank write-in rows (另选他人), and how to mark them — one, two or more to an A4 page
with a dashed line to cut along.

Candidates print in the order given: the caller sorts them (姓氏笔画 as the rules of the
election say). A ballot never runs over a page: if it does not fit its share of the page,
ballot_pdf refuses with a message naming the setting to change.
"""

from dataclasses import dataclass

from fpdf.enums import MethodReturnValue

from tongxin.core.errors import DomainError

from .document import GREY, Document
from .font import FONT, printable

ROW = 8.0  # mm: room for a clear mark in each box
COLUMNS = (("序号", 14.0), ("候选人姓名", 64.0), ("赞成", 24.0), ("不赞成", 24.0), ("弃权", 24.0))
TABLE_WIDTH = sum(width for _, width in COLUMNS)
MAX_PER_PAGE = 4


@dataclass(frozen=True)
class Ballot:
    title: str  # e.g. 某某大学第十次学生代表大会主席团成员选举选票
    seats: int  # 应选名额
    candidates: tuple[str, ...]
    write_in: int = 0  # blank 另选他人 rows
    instructions: tuple[str, ...] = ()  # empty: the standard ones (standard_instructions)
    per_page: int = 1
    copies: int = 1
    banner: str = ""

    def __post_init__(self) -> None:
        if not self.candidates:
            raise DomainError("选票至少要有一名候选人。", field="candidates")
        for number, name in enumerate(self.candidates, start=1):
            if not name.strip():
                raise DomainError(f"第 {number} 位候选人的姓名为空。", field="candidates")
        if self.seats < 1:
            raise DomainError("应选名额至少为 1 名。", field="seats")
        if self.write_in < 0:
            raise DomainError("另选他人的行数不能为负数。", field="write_in")
        if self.seats > len(self.candidates) + self.write_in:
            raise DomainError(
                f"应选名额（{self.seats} 名）多于候选人与另选他人行数之和"
                f"（{len(self.candidates) + self.write_in}），选票无法选满。",
                field="seats",
            )
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise DomainError(f"每页选票张数应在 1 到 {MAX_PER_PAGE} 之间。", field="per_page")
        if self.copies < 1:
            raise DomainError("选票份数至少为 1。", field="copies")


def standard_instructions(ballot: Ballot) -> tuple[str, ...]:
    write_in = (
        ("如另选他人，请在空白行内写上其姓名，并在该行“赞成”栏内画“○”。",)
        if ballot.write_in
        else ()
    )
    return (
        f"本次选举应选{ballot.seats}名。请在每位候选人姓名右侧的“赞成”“不赞成”“弃权”三栏中"
        "选择一栏画“○”，每位候选人只能画一个“○”。",
        *write_in,
        f"所投赞成票（含另选他人）多于{ballot.seats}名的，选票作废。",
        "未画符号或符号无法辨认的，视为弃权。",
    )


def _notes(ballot: Ballot) -> str:
    lines = ballot.instructions or standard_instructions(ballot)
    return "说明：\n" + "\n".join(f"{n}．{line}" for n, line in enumerate(lines, start=1))


def _text_height(pdf: Document, text: str, *, size: float, line: float) -> float:
    pdf.set_font(FONT, size=size)
    height = pdf.multi_cell(
        TABLE_WIDTH, line, printable(text), align="L", dry_run=True, output=MethodReturnValue.HEIGHT
    )
    pdf.set_font(FONT, size=10)
    assert isinstance(height, float | int)
    return float(height)


def _height(pdf: Document, ballot: Ballot) -> float:
    title = _text_height(pdf, ballot.title, size=15, line=8)
    notes = _text_height(pdf, _notes(ballot), size=9, line=4.8)
    rows = 1 + len(ballot.candidates) + ballot.write_in
    return title + 9 + rows * ROW + 4 + notes + 4


def _draw(pdf: Document, ballot: Ballot, top: float) -> None:
    left = pdf.l_margin + (pdf.epw - TABLE_WIDTH) / 2
    pdf.set_xy(left, top)
    pdf.set_font(FONT, size=15)
    pdf.multi_cell(TABLE_WIDTH, 8, printable(ballot.title), align="C")
    pdf.set_font(FONT, size=10)
    pdf.set_x(left)
    count = f"应选 {ballot.seats} 名\u3000候选人 {len(ballot.candidates)} 名"
    pdf.cell(TABLE_WIDTH, 9, printable(count), align="C", new_x="LEFT", new_y="NEXT")
    _row(pdf, left, (COLUMNS[0][0], COLUMNS[1][0]), heading=True)
    for number, name in enumerate(ballot.candidates, start=1):
        _row(pdf, left, (str(number), name), heading=False)
    for _ in range(ballot.write_in):
        _row(pdf, left, ("另选", ""), heading=False)
    pdf.set_xy(left, pdf.get_y() + 4)
    pdf.set_font(FONT, size=9)
    pdf.multi_cell(TABLE_WIDTH, 4.8, printable(_notes(ballot)), align="L")
    pdf.set_font(FONT, size=10)


def _row(pdf: Document, left: float, values: tuple[str, str], *, heading: bool) -> None:
    """Number and name, then the three boxes (their labels on the heading row)."""
    pdf.set_x(left)
    marks = [label for label, _ in COLUMNS[2:]] if heading else ["", "", ""]
    for text, (_, width) in zip([*values, *marks], COLUMNS, strict=True):
        pdf.cell(width, ROW, printable(text), border=1, align="C")
    pdf.ln(ROW)


def _cut_line(pdf: Document, y: float) -> None:
    pdf.set_draw_color(*GREY)
    pdf.set_dash_pattern(dash=2, gap=2)
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.set_dash_pattern()
    pdf.set_draw_color(0, 0, 0)


def ballot_pdf(ballot: Ballot) -> bytes:
    pdf = Document(ballot.title, footer="", banner=ballot.banner)
    pdf.set_auto_page_break(False)
    slot = (pdf.h - pdf.t_margin - pdf.b_margin) / ballot.per_page
    if _height(pdf, ballot) > slot - 6:
        pdf.discard()
        where = "一页" if ballot.per_page == 1 else f"每页 {ballot.per_page} 张的版面"
        raise DomainError(
            f"候选人较多，{where}排不下一张选票：请减少每页张数或另选他人的行数。",
            field="per_page",
        )
    for copy in range(ballot.copies):
        place = copy % ballot.per_page
        if copy and not place:
            pdf.add_page()
        pdf.bare_pages.add(pdf.page_no())  # a ballot carries no page number
        top = pdf.t_margin + place * slot
        if place:
            _cut_line(pdf, top - 3)
        _draw(pdf, ballot, top + 3)
    return pdf.to_bytes()
