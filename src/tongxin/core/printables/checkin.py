"""A check-in sheet (签到表): the numbered names with any detail columns and a wide signature
column, the heading row repeated on every page, and the count expected at the end."""

from dataclasses import dataclass

from tongxin.core.errors import DomainError

from .document import Document, Table

SIGN_ROW = 9  # mm of line height: room for a handwritten signature


@dataclass(frozen=True)
class Attendee:
    name: str
    details: tuple[str, ...] = ()  # one per CheckInSheet.columns


@dataclass(frozen=True)
class CheckInSheet:
    title: str  # e.g. 第十次学生代表大会代表签到表
    attendees: tuple[Attendee, ...]
    columns: tuple[str, ...] = ()  # detail columns between the name and the signature
    subtitle: str = ""  # time and place
    banner: str = ""

    def __post_init__(self) -> None:
        if not self.attendees:
            raise DomainError("签到表没有人员名单。", field="attendees")
        for number, person in enumerate(self.attendees, start=1):
            if len(person.details) != len(self.columns):
                raise DomainError(
                    f"签到表第 {number} 人（{person.name}）有 {len(person.details)} 项信息，"
                    f"应有 {len(self.columns)} 项。",
                    field="attendees",
                )

    def table(self) -> Table:
        rows = tuple(
            (str(number), person.name, *person.details, "")
            for number, person in enumerate(self.attendees, start=1)
        )
        widths = (1.0, 2.5, *(3.0,) * len(self.columns), 4.0)
        return Table(("序号", "姓名", *self.columns, "签名"), rows, widths)


def checkin_pdf(sheet: CheckInSheet) -> bytes:
    pdf = Document(
        sheet.title, footer="", header=sheet.title, banner=sheet.banner, count_pages=True
    )
    pdf.centred(sheet.title, 16)
    if sheet.subtitle:
        pdf.ln(1)
        pdf.centred(sheet.subtitle, 11)
    pdf.ln(4)
    pdf.table_of(sheet.table(), line_height=SIGN_ROW)
    pdf.ln(4)
    pdf.paragraph(f"应到 {len(sheet.attendees)} 人，实到＿＿＿＿人。", size=11, indent=False)
    return pdf.to_bytes()
