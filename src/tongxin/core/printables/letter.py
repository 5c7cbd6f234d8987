"""An official letter (信函格式, after GB/T 9704-2012): the issuer's name in red over a red
double rule, the 文号 under it, title, addressee, body, then the signatory and the date with
room above for the seal, which is pressed over them.
"""

import datetime
from dataclasses import dataclass

from tongxin.core.errors import DomainError

from .document import RED, Document, Margins, chinese_date
from .font import FONT, printable

SEAL_ROOM = 18  # mm between the body and the signature: the seal's upper half sits there
SIGNATURE_HEIGHT = 48  # the seal, signatory and date never part across pages


@dataclass(frozen=True)
class Letter:
    issuer: str  # 发文机关: the letterhead and the signature
    reference: str  # 文号, e.g. reference_number("苏学联函", 2026, 12)
    title: str
    addressee: str  # 主送机关, e.g. 中共某某大学委员会
    paragraphs: tuple[str, ...]
    dated: datetime.date
    attachments: tuple[str, ...] = ()  # 附件 names
    note: str = ""  # 附注, e.g. 联系人：张喆，电话：025-0000000
    copied_to: str = ""  # 抄送
    date_in_characters: bool = False
    banner: str = ""

    def __post_init__(self) -> None:
        for field, label in (("issuer", "发文机关"), ("reference", "文号"), ("title", "标题")):
            if not str(getattr(self, field)).strip():
                raise DomainError(f"公函缺少{label}。", field=field)
        if not any(p.strip() for p in self.paragraphs):
            raise DomainError("公函没有正文。", field="paragraphs")


def _letterhead(pdf: Document, letter: Letter) -> None:
    pdf.ln(4)
    pdf.centred(letter.issuer, 24, colour=RED)
    pdf.ln(3)
    y = pdf.get_y()
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin, y + 1.2, pdf.w - pdf.r_margin, y + 1.2)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_xy(pdf.l_margin, y + 3)
    pdf.set_font(FONT, size=12)
    pdf.cell(0, 8, printable(letter.reference), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)


def _closing(pdf: Document, letter: Letter) -> None:
    if letter.attachments:
        pdf.ln(4)
        for number, name in enumerate(letter.attachments, start=1):
            lead = "附件：" if number == 1 else "\u3000\u3000\u3000"
            pdf.paragraph(f"{lead}{number}．{name}")
    pdf.keep_room(SIGNATURE_HEIGHT)
    pdf.ln(SEAL_ROOM)
    pdf.right_block(
        [letter.issuer, chinese_date(letter.dated, in_characters=letter.date_in_characters)]
    )
    if letter.note:
        pdf.ln(4)
        pdf.paragraph(f"（{letter.note}）")
    if letter.copied_to:
        pdf.ln(10)
        pdf.paragraph(f"抄送：{letter.copied_to}。", indent=False)


def letter_pdf(letter: Letter) -> bytes:
    pdf = Document(letter.title, footer="", banner=letter.banner, margins=Margins(28, 25, 26, 25))
    _letterhead(pdf, letter)
    pdf.centred(letter.title, 18)
    pdf.ln(6)
    pdf.paragraph(f"{letter.addressee}：", indent=False)
    for text in letter.paragraphs:
        pdf.paragraph(text)
    _closing(pdf, letter)
    return pdf.to_bytes()
