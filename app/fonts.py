"""The fonts every PDF embeds, and which of them draws each character.

DejaVu Sans draws Latin, Greek, Cyrillic and Vietnamese. A character it lacks falls back to
Droid Sans Fallback (Chinese, Japanese, Korean) and then to Symbola (emoji and symbols). All
three ship in resources/fonts with their licences, and every one is embedded, so a PDF prints
the same on any computer.
"""

import weakref
from functools import cache
from itertools import groupby
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

# (registered name, file in resources/fonts), tried in this order after the text's own font.
FALLBACK_FONTS = (
    ("DroidSansFallback", "DroidSansFallback.ttf"),
    ("Symbola", "Symbola.ttf"),
)


class EmbeddedFont(TTFont):
    """A TrueType font whose ToUnicode map is right beyond the Basic Multilingual Plane.

    ReportLab writes each character's code as four hex digits, so 😀 (U+1F600) reads back as
    "ὠ" (U+1F60). A PDF reader wants UTF-16 there: a surrogate pair for such characters.

    It also remembers widths: laying out a document measures the same words and cells at the
    same sizes many thousands of times, and each TrueType measurement walks the text in Python.
    """

    WIDTHS_KEPT = 50_000
    SPLITS_KEPT = 50_000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._widths: dict[tuple[str | bytes, float], float] = {}
        # The document last drawn in, and how its strings split into subsets.
        self._splits: tuple[weakref.ref, dict] | None = None

    def stringWidth(self, text, size, encoding="utf8"):
        key = (text, size)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) >= self.WIDTHS_KEPT:
                self._widths.clear()
            width = self._widths[key] = super().stringWidth(text, size, encoding)
        return width

    def splitString(self, text, doc, encoding="utf-8"):
        # Every string drawn is cut into runs of the embedded subsets' one-byte codes, a
        # character at a time in Python. A character keeps its code for the whole document,
        # so a string drawn again (a date, a label, a name) is cut the same way: cut it once.
        # The cache goes with its document; taken as one value, so two documents made at
        # once only ever start their own afresh.
        splits = self._splits
        if splits is None or splits[0]() is not doc:
            splits = self._splits = (weakref.ref(doc), {})
        cut = splits[1].get(text)
        if cut is None:
            cut = super().splitString(text, doc, encoding)
            if len(splits[1]) < self.SPLITS_KEPT:
                splits[1][text] = cut
        return cut

    def addObjects(self, doc):
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for index, subset in enumerate(subsets):
            if all(code <= 0xFFFF for code in subset):
                continue
            stream = doc.idToObject.get(f"toUnicodeCMap:{self._subset_base_name(index)}")
            if stream is not None:
                stream.content = to_unicode_cmap(self._subset_base_name(index), subset)

    def _subset_base_name(self, index: int) -> str:
        # The name ReportLab gives subset `index` (AAAAAA+Name, BAAAAA+Name, ...).
        name = SUBSETN(index) + b"+" + self.face.name + self.face.subfontNameX
        return name.decode("pdfdoc")


def to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """A ToUnicode CMap mapping each one-byte code of a subset to its character in UTF-16."""

    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({font_name}) /Ordering ({font_name}) /Supplement 0 >> def",
        f"/CMapName /{font_name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{index:02X}> <{utf16(code)}>" for index, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def register(name: str, path: Path) -> str:
    """Register the TrueType file at `path` as `name` (once) and return the name."""
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(EmbeddedFont(name, str(path)))
        # <b> inside a run of this font keeps this font: it has no bold face.
        if name in dict(FALLBACK_FONTS):
            pdfmetrics.registerFontFamily(
                name, normal=name, bold=name, italic=name, boldItalic=name
            )
    return name


@cache
def _fallback(index: int) -> str:
    """Fallback font number `index`, registered the first time a character needs it."""
    name, filename = FALLBACK_FONTS[index]
    return register(name, FONT_DIR / filename)


@cache
def _fallback_glyphs(index: int) -> frozenset[int]:
    name = _fallback(index)
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


@cache
def _glyphs(font_name: str) -> frozenset[int]:
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    return frozenset(getattr(face, "charToGlyph", ()))


def font_for(char: str, font_name: str) -> str:
    """The font that draws `char`: `font_name` when it can, else the first fallback that can."""
    code = ord(char)
    if code < 0x250 or code in _glyphs(font_name):  # Latin always sits in the text's own font
        return font_name
    for index in range(len(FALLBACK_FONTS)):
        if code in _fallback_glyphs(index):
            return _fallback(index)
    return font_name


def runs(text: str, font_name: str) -> list[tuple[str, str]]:
    """`text` cut into (font, piece) runs, each piece drawn by one font that has its glyphs."""
    if text.isascii():
        return [(font_name, text)] if text else []
    return [
        (font, "".join(pieces))
        for font, pieces in groupby(text, key=lambda char: font_for(char, font_name))
    ]


def string_width(text: str, font_name: str, size: float) -> float:
    """The width of `text` in points as drawn run by run."""
    return sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in runs(text, font_name))


def in_one_font(text: str, font_name: str) -> bool:
    """Whether `font_name` draws every character of `text` itself."""
    return text.isascii() or all(font == font_name for font, _ in runs(text, font_name))


def draw_string(canvas, x: float, y: float, text: str, font_name: str, size: float) -> float:
    """Draw `text` at (x, y) run by run and return where it ends, leaving the canvas in
    `font_name`. One text object, so a PDF reader reads the runs back as one line."""
    pieces = runs(text, font_name)
    leading = canvas._leading
    canvas.setFont(font_name, size, leading)
    if all(font == font_name for font, _ in pieces):  # the usual case: one font, one call
        Canvas.drawString(canvas, x, y, text)
        return x + pdfmetrics.stringWidth(text, font_name, size)
    line = canvas.beginText(x, y)
    for font, piece in pieces:
        line.setFont(font, size)
        line.textOut(piece)
    canvas.drawText(line)
    canvas.setFont(font_name, size, leading)  # the page's own font again after the runs
    return line.getX()


class FallbackCanvas(Canvas):
    """A canvas whose drawString, drawRightString and drawCentredString draw each run of
    text in a font that has its glyphs: table cells, headers and chart labels included."""

    def drawString(self, x, y, text, mode=None, **extra):
        if mode is None and not extra and not in_one_font(text, self._fontname):
            draw_string(self, x, y, text, self._fontname, self._fontsize)
            return
        super().drawString(x, y, text, mode=mode, **extra)

    def drawRightString(self, x, y, text, mode=None, **extra):
        if mode is None and not extra and not in_one_font(text, self._fontname):
            width = string_width(text, self._fontname, self._fontsize)
            draw_string(self, x - width, y, text, self._fontname, self._fontsize)
            return
        super().drawRightString(x, y, text, mode=mode, **extra)

    def drawCentredString(self, x, y, text, mode=None, **extra):
        if mode is None and not extra and not in_one_font(text, self._fontname):
            width = string_width(text, self._fontname, self._fontsize)
            draw_string(self, x - width / 2, y, text, self._fontname, self._fontsize)
            return
        super().drawCentredString(x, y, text, mode=mode, **extra)
