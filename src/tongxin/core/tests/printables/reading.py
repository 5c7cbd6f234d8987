"""What a reader gets out of a printable: the text of each page, as search and copy see it."""

import io

from pypdf import PdfReader

RARE = ("王喆", "李堃", "赵赟", "何㛃")  # outside GB 2312; 㛃 is in CJK Extension A


def page_texts(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content: bytes) -> str:
    return "\n".join(page_texts(content))
