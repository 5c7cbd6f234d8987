"""The feedback letter as a PDF in the official-document layout (GB/T 9704-2012, 信函格式,
core/printables/letter.py): the issuer in red over the red rule, the 文号, the title, the
addressee (<school>党委), the stored body, the signature and the date; copied to the
school's League committee. The caller has checked access (reform.view_assessment)."""

from tongxin.core.printables import DEMO_BANNER, Letter, letter_pdf
from tongxin.orgs.selectors import is_demo

from .models import FeedbackLetter


def letter_of(letter: FeedbackLetter, school_name: str) -> Letter:
    return Letter(
        issuer=letter.issuer,
        reference=letter.number,
        title=letter.title,
        addressee=letter.addressee,
        paragraphs=tuple(p for p in letter.body.split("\n") if p.strip()),
        dated=letter.issued_on,
        copied_to=f"共青团{school_name}委员会",
        banner=DEMO_BANNER if is_demo() else "",
    )


def feedback_letter_pdf(letter: FeedbackLetter, school_name: str) -> bytes:
    return letter_pdf(letter_of(letter, school_name))
