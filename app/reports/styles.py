"""Fonts, colours and paragraph styles: the look every PDF shares."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab import rl_config
from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError

from app import charts
from app.fonts import FONT_DIR, register

INK = charts.INK
MUTED = charts.MUTED
RULE = charts.GRID
SHADE = HexColor("#F1F4F8")
PASS = HexColor("#2F855A")
FAIL = HexColor("#C53030")

# Binary (compressed) streams instead of ASCII85 text: every viewer reads them, the files are
# about a fifth smaller, and a long portfolio saves faster. (A process-wide ReportLab setting.)
rl_config.useA85 = 0

SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
BOLD_FONT = "DejaVuSans-Bold"


@cache
def fonts() -> tuple[str, str]:
    """(regular, bold) font names, registering the embedded DejaVu Sans on first use."""
    regular = charts.chart_font()
    bold = regular
    for folder in (FONT_DIR, SYSTEM_FONT_DIR):
        path = folder / "DejaVuSans-Bold.ttf"
        if path.is_file():
            try:
                register(BOLD_FONT, path)
            except (OSError, TTFError):
                continue
            bold = BOLD_FONT
            break
    # <b> in our own markup picks the bold face.
    pdfmetrics.registerFontFamily(
        regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
    )
    # A chart starts drawing in ReportLab's default font, Helvetica, which no PDF embeds;
    # start it in ours instead (every label names its font anyway). A process-wide setting.
    STATE_DEFAULTS["fontName"] = regular
    return regular, bold


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    kicker: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    part: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    head_right: ParagraphStyle
    note_meta: ParagraphStyle
    caption: ParagraphStyle
    cover_title: ParagraphStyle
    cover_line: ParagraphStyle


# The smallest type on paper: body text 9 pt, table cells (and chart labels) 8.5 pt, and the
# page header and footer 7.5 pt.
BODY_MIN_SIZE = 9
TABLE_MIN_SIZE = charts.FONT_SIZE
FOOTER_SIZE = 7.5


@cache
def styles() -> Styles:
    regular, bold = fonts()

    def style(name: str, size: float, leading: float, **extra) -> ParagraphStyle:
        extra.setdefault("fontName", regular)
        extra.setdefault("textColor", INK)
        return ParagraphStyle(name, fontSize=size, leading=leading, **extra)

    return Styles(
        body=style("body", 9.5, 13.5, spaceAfter=4),
        small=style("small", 9, 12, textColor=MUTED, spaceAfter=4),
        muted=style("muted", 9.5, 13.5, textColor=MUTED, spaceAfter=4),
        kicker=style("kicker", 9, 11.5, fontName=bold, textColor=MUTED, spaceAfter=2),
        title=style("title", 19, 23, fontName=bold, spaceAfter=3),
        subtitle=style("subtitle", 10.5, 14, textColor=MUTED, spaceAfter=2),
        part=style("part", 17, 21, fontName=bold, spaceAfter=8, keepWithNext=1),
        h1=style("h1", 13.5, 17, fontName=bold, spaceBefore=14, spaceAfter=5, keepWithNext=1),
        h2=style("h2", 10.5, 14, fontName=bold, spaceBefore=9, spaceAfter=3, keepWithNext=1),
        cell=style("cell", 8.5, 11),
        cell_bold=style("cell_bold", 8.5, 11, fontName=bold),
        cell_right=style("cell_right", 8.5, 11, alignment=TA_RIGHT),
        head_right=style("head_right", 8.5, 11, fontName=bold, alignment=TA_RIGHT),
        note_meta=style("note_meta", 9, 12, fontName=bold, textColor=MUTED, keepWithNext=1),
        caption=style("caption", 9, 12, textColor=MUTED, spaceBefore=3, spaceAfter=10),
        cover_title=style("cover_title", 28, 34, fontName=bold, spaceAfter=10),
        cover_line=style("cover_line", 13, 18, spaceAfter=4),
    )
