"""Regenerate NotoSansCJKsc-Regular-GB18030.ttf (run by hand; see README.md here).

    .venv/bin/python src/tongxin/core/fonts/make_subset.py [path/to/NotoSansCJK-Regular.ttc]

The default source is the Debian package fonts-noto-cjk. The SC face is picked out of the
collection by its PostScript name, subset to the characters below, and its CFF outlines are
converted to TrueType quadratics: fpdf2 then embeds it as a plain Identity-H CID font that
every reader and text extractor understands.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FACE = "NotoSansCJKsc-Regular"
TARGET = Path(__file__).resolve().parent / "NotoSansCJKsc-Regular-GB18030.ttf"

# Every hanzi a personal or place name can use in practice (URO, Extension A, the
# compatibility ideographs) plus the symbols a report prints.
RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1
    (0x2000, 0x206F),  # general punctuation
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed alphanumerics
    (0x25A0, 0x25FF),  # geometric shapes (□ for a missing character)
    (0x2600, 0x26FF),  # miscellaneous symbols
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
]


def two_byte_area() -> set[int]:
    """The two-byte area of GB 18030 (GBK: radicals, pinyin, kana...), decoded as GB 18030
    and as GB 2312, whose Python codec maps a few symbols (A1A4 ・) to other code points."""
    found: set[int] = set()
    for lead in range(0x81, 0xFF):
        for trail in [*range(0x40, 0x7F), *range(0x80, 0xFF)]:
            for codec in ("gb18030", "gb2312"):
                try:
                    text = bytes((lead, trail)).decode(codec)
                except UnicodeDecodeError:
                    continue
                found.update(ord(ch) for ch in text if not 0xE000 <= ord(ch) <= 0xF8FF)
    return found


def code_points() -> set[int]:
    wanted = two_byte_area()
    for first, last in RANGES:
        wanted.update(range(first, last + 1))
    return wanted


def sc_face(source: Path) -> TTFont:
    for index in range(len(TTCollection(source, lazy=True).fonts)):
        font = TTFont(source, fontNumber=index, recalcTimestamp=False)  # reproducible bytes
        if font["name"].getDebugName(6) == FACE:
            return font
    raise SystemExit(f"{source} holds no {FACE}")


def subset_font(font: TTFont, unicodes: set[int]) -> None:
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]
    options.drop_tables += ["vmtx", "vhea", "VORG", "BASE", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def cff_to_glyf(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font["CFF "]
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, glyphs
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():  # TrueType wants left side bearing == xMin
        hmtx[name] = (hmtx[name][0], getattr(glyph, "xMin", 0))
    font["head"].glyphDataFormat = 0
    _truetype_maxp_post(font)
    font.sfntVersion = "\x00\x01\x00\x00"


def _truetype_maxp_post(font: TTFont) -> None:
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.compile(font)  # recalculates the point and contour maxima from glyf
    post = font["post"]
    post.formatType = 3.0  # no glyph names: CID names would only add weight
    post.extraNames, post.mapping = [], {}


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    font = sc_face(source)
    subset_font(font, code_points())
    cff_to_glyf(font)
    font.save(TARGET)
    saved = TTFont(TARGET)
    print(
        f"{saved['name'].getDebugName(5)}: {len(saved.getBestCmap())} code points, "
        f"{len(saved.getGlyphOrder())} glyphs, {TARGET.stat().st_size:,} bytes -> {TARGET}"
    )


if __name__ == "__main__":
    main()
