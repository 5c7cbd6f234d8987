"""The page every printable is drawn on: A4 in millimetres with the embedded font, an optional
demo banner and running header at the top, and the page number at the foot.

With none of the options a Document prints exactly as the weekly report and the growth
archive always have (no header, "<title> · 第 n 页" at the foot, 1 cm margins).
"""

import datetime
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.fonts import FontFace, TTFFont

from tongxin.core.errors import DomainError

from .font import FONT, embed_font, printable

BLUE, ORANGE, GREY, RED = (47, 110, 186), (230, 126, 34), (120, 120, 120), (200, 16, 16)
BLACK = (0, 0, 0)
INDENT = "\u3000\u3000"  # a Chinese paragraph opens with two full-width spaces
DEMO_BANNER = "演示数据（演示省）：所有学校、人员与记录均为虚构，仅供体验。"
DIGITS = "〇一二三四五六七八九"


def chinese_date(day: datetime.date, *, in_characters: bool = False) -> str:
    """2026年12月7日 (GB/T 9704-2012: Arabic numerals, no leading zeros), or with
    in_characters 二〇二六年十二月七日 as older letters and certificates write it."""
    if not in_characters:
        return f"{day.year}年{day.month}月{day.day}日"
    year = "".join(DIGITS[int(digit)] for digit in str(day.year))
    return f"{year}年{_small_number(day.month)}月{_small_number(day.day)}日"


def _small_number(n: int) -> str:
    """1–39 in characters: 七, 十, 十二, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    return (
        (DIGITS[tens] if tens > 1 else "") + ("十" if tens else "") + (DIGITS[ones] if ones else "")
    )


def reference_number(prefix: str, year: int, number: int) -> str:
    """A 文号 as GB/T 9704-2012 writes it: 苏学联函〔2026〕12号 (hexagonal brackets, no
    leading zeros)."""
    return f"{prefix}〔{year}〕{number}号"


@dataclass(frozen=True)
class Margins:
    left: float = 20
    top: float = 20
    right: float = 20
    bottom: float = 18


@dataclass(frozen=True)
class Table:
    """Columns and rows of text; widths are relative (equal when left empty)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if not self.columns:
            raise DomainError("表格至少要有一列。", field="columns")
        if self.widths and len(self.widths) != len(self.columns):
            raise DomainError("表格的列宽个数与列数不一致。", field="widths")
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise DomainError(
                    f"表格第 {number} 行有 {len(row)} 项，应有 {len(self.columns)} 项。",
                    field="rows",
                )


class Document(FPDF):
    """One printable. `title` names the file (PDF metadata) and, unless `footer` says
    otherwise, leads the footer. `header` is a running header on every page but the ones in
    `bare_pages` (a title page: `bare_first_page`), which have no footer either; `banner`
    (e.g. DEMO_BANNER) tops every page; `count_pages` adds "共 m 页" to the page number."""

    def __init__(
        self,
        title: str,
        *,
        footer: str | None = None,
        header: str = "",
        banner: str = "",
        count_pages: bool = False,
        bare_first_page: bool = False,
        margins: Margins | None = None,
    ) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = title if footer is None else footer
        self.running_header = header
        self.banner = banner
        self.count_pages = count_pages
        self.bare_pages: set[int] = {1} if bare_first_page else set()
        embed_font(self)
        self.set_font(FONT, size=10)
        self.set_auto_page_break(auto=True, margin=margins.bottom if margins else 15)
        if margins:
            self.set_margins(margins.left, margins.top, margins.right)
        if header or banner:
            self.set_top_margin(self.t_margin + 8)
        self.set_title(title)
        self.add_page()

    def header(self) -> None:
        if self.banner:
            self._top_line(4, self.banner, ORANGE, "C")
        if self.running_header and self.page_no() not in self.bare_pages:
            self._top_line(self.t_margin - 10, self.running_header, GREY, "L")
            self.set_draw_color(*GREY)
            self.line(self.l_margin, self.t_margin - 3, self.w - self.r_margin, self.t_margin - 3)
            self.set_draw_color(*BLACK)
        self.set_xy(self.l_margin, self.t_margin)

    def _top_line(self, y: float, text: str, colour: tuple[int, int, int], align: str) -> None:
        self.set_xy(self.l_margin, y)
        self.set_font(FONT, size=8)
        self.set_text_color(*colour)
        self.cell(0, 5, printable(text), align=align)
        self.set_text_color(*BLACK)
        self.set_font(FONT, size=10)

    def footer(self) -> None:
        if self.page_no() in self.bare_pages:
            return
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*GREY)
        self.cell(0, 6, printable(self.page_label()), align="C")
        self.set_text_color(*BLACK)

    def page_label(self) -> str:
        # fpdf2 replaces {nb} with the page count when the document is output.
        number = f"第 {self.page_no()} 页" + (" 共 {nb} 页" if self.count_pages else "")
        return f"{self.footer_text} · {number}" if self.footer_text else number

    def heading(self, text: str, size: int = 13) -> None:
        self.ln(3)
        self.set_font(FONT, size=size)
        self.multi_cell(0, size * 0.55, printable(text), new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, size=10)
        self.ln(1)

    def centred(self, text: str, size: float, *, colour: tuple[int, int, int] = BLACK) -> None:
        self.set_font(FONT, size=size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.6, printable(text), align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*BLACK)
        self.set_font(FONT, size=10)

    def paragraph(self, text: str, *, size: float = 12, indent: bool = True) -> None:
        """Body text: the first line indented two characters, 1.6 lines apart."""
        self.set_font(FONT, size=size)
        opening = INDENT if indent else ""
        # Left-aligned: fpdf2 justifies by widening spaces, which Chinese text has few of.
        self.multi_cell(
            0, size * 0.6, printable(opening + text), align="L", new_x="LMARGIN", new_y="NEXT"
        )
        self.set_font(FONT, size=10)

    def right_block(self, lines: list[str], *, size: float = 12, inset: float = 16) -> None:
        """Lines centred on each other, `inset` mm from the right margin (a signature)."""
        self.set_font(FONT, size=size)
        width = max(self.get_string_width(printable(line)) for line in lines) + 2
        for line in lines:
            self.set_x(self.w - self.r_margin - inset - width)
            self.cell(width, size * 0.6, printable(line), align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, size=10)

    def keep_room(self, height: float) -> None:
        """Start a new page unless `height` mm still fit on this one."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def rows(
        self,
        header: list[str],
        body: list[list[str]],
        widths: tuple[float, ...],
        *,
        line_height: float = 6,
    ) -> None:
        """A table whose heading row is repeated at the top of every page it runs onto."""
        heading_style = FontFace(fill_color=(232, 238, 247))
        with self.table(
            col_widths=widths, headings_style=heading_style, line_height=line_height
        ) as table:
            for values in [header, *body]:
                row = table.row()
                for value in values:
                    row.cell(printable(value))

    def table_of(self, table: Table, *, line_height: float = 6) -> None:
        widths = table.widths or (1.0,) * len(table.columns)
        body = [list(row) for row in table.rows]
        self.rows(list(table.columns), body, widths, line_height=line_height)

    def to_bytes(self) -> bytes:
        return bytes(self.output())

    def discard(self) -> None:
        """Close the font file of a document that will not be output (output closes it)."""
        for font in self.fonts.values():
            if isinstance(font, TTFFont):
                font.close()
