"""The embedded font: Chinese shown correctly on a machine without system fonts (fpdf2).

The embedded font is a subset of Noto Sans CJK SC (SIL OFL 1.1, see fonts/OFL.txt)
covering the BMP repertoire of GB 18030 — every CJK Unified Ideograph, Extension A and the
compatibility ideographs, so rare name characters such as 喆 堃 赟 print — plus ASCII and
common symbols (fonts/README.md); fpdf2 embeds only the glyphs used. A character outside
the subset (Extension B and beyond, emoji) prints as □ rather than vanishing.
"""

import copy
import functools
import pickle
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

FONT_PATH = Path(__file__).resolve().parent.parent / "fonts" / "NotoSansCJKsc-Regular-GB18030.ttf"
FONT = "NotoSansSC"
MISSING = "□"


@functools.cache
def _covered() -> frozenset[int]:
    with TTFont(FONT_PATH, lazy=True) as font:
        return frozenset(font["cmap"].getBestCmap())


def printable(text: object) -> str:
    covered = _covered()
    return "".join(ch if ord(ch) in covered or ch in "\n\t" else MISSING for ch in str(text))


@functools.cache
def _parsed_font() -> tuple[TTFFont, bytes]:
    # fpdf2 parses the whole font on every add_font (29k glyphs: ~0.3 s) and subsets its
    # fontTools object in place on output, so each document needs its own copy; unpickling
    # one parsed copy is several times faster than parsing the file again.
    pdf = FPDF()
    pdf.add_font(FONT, "", str(FONT_PATH))
    font = pdf.fonts[FONT.lower()]
    assert isinstance(font, TTFFont)
    return font, pickle.dumps(font.ttfont, protocol=pickle.HIGHEST_PROTOCOL)


def embed_font(pdf: FPDF) -> None:
    """pdf.add_font(FONT, "", FONT_PATH) from the process's parsed font: the per-document
    state (index, used glyphs, fontTools object, PDF descriptor) is fresh, the rest shared."""
    template, parsed = _parsed_font()
    font = copy.copy(template)
    font.i = len(pdf.fonts) + 1
    font.ttfont = pickle.loads(parsed)
    font.desc = copy.copy(template.desc)
    font.cw = copy.copy(template.cw)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.subset = SubsetMap(font)
    pdf.fonts[font.fontkey] = font
