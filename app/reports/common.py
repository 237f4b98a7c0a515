"""The shared base of every PDF: paper, fonts, styles, escaped text, pages, safe writing."""

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app import charts
from app.reports.leftovers import TEMP_FILE_SUFFIX, temp_file_prefix, unfinished_write
from app.services.report_data import Byline

# Who reads these and what they must never see: said on every page.
FOOTER_NOTE = "Confidential coaching record: private notes are never included."
PAGE_SIZES = {"letter": LETTER, "a4": A4}
MARGIN_X = 0.75 * inch
MARGIN_TOP = 0.9 * inch
MARGIN_BOTTOM = 0.85 * inch
# Longest text a table cell or a heading shows; the full text goes in a paragraph instead.
CELL_LIMIT = 400
CELL_SIZE, CELL_LEADING, CELL_PADDING = 8.5, 11, 4
FIGURE_SIZE, FIGURE_LABEL_SIZE = 17, 7.5
HEADING_LIMIT = 240
# Room a heading needs below it (about three lines) before it may end a page.
KEEP_WITH_NEXT_ROOM = 48
FOOTER_Y = 0.5 * inch

INK = charts.INK
MUTED = charts.MUTED
RULE = charts.GRID
SHADE = HexColor("#F1F4F8")
PASS = HexColor("#2F855A")
FAIL = HexColor("#C53030")

# Binary (compressed) streams instead of ASCII85 text: every viewer reads them, the files are
# about a fifth smaller, and a long portfolio saves faster. (A process-wide ReportLab setting.)
rl_config.useA85 = 0

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
BOLD_FONT = "DejaVuSans-Bold"

PathOrFile = str | os.PathLike | BinaryIO
# progress(done, total): flowables laid out so far, of all; may raise to stop the build.
Progress = Callable[[int, int], None]
# Called often during a build; raises (any exception) to cancel it.
CancelCheck = Callable[[], None]

# C0 control characters (but tab and newline) would break the paragraph parser.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class ExportError(Exception):
    """A report or export could not be written; the message says what to do."""


class ExportCancelled(Exception):
    """Raised by a cancel check to stop a build; the earlier file is left as it was."""

    def __init__(self, message: str = "The export was cancelled; nothing was written."):
        super().__init__(message)


# Fonts and styles --------------------------------------------------------------------------


@cache
def fonts() -> tuple[str, str]:
    """(regular, bold) font names, registering the embedded DejaVu Sans on first use."""
    regular = charts.chart_font()
    if regular == "Helvetica":
        return "Helvetica", "Helvetica-Bold"
    bold = regular
    for folder in (FONT_DIR, SYSTEM_FONT_DIR):
        path = folder / "DejaVuSans-Bold.ttf"
        if path.is_file():
            try:
                pdfmetrics.registerFont(TTFont(BOLD_FONT, str(path)))
            except (OSError, TTFError):
                continue
            bold = BOLD_FONT
            break
    # <b> in our own markup picks the bold face.
    pdfmetrics.registerFontFamily(
        regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
    )
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


@cache
def styles() -> Styles:
    regular, bold = fonts()

    def style(name: str, size: float, leading: float, **extra) -> ParagraphStyle:
        extra.setdefault("fontName", regular)
        extra.setdefault("textColor", INK)
        return ParagraphStyle(name, fontSize=size, leading=leading, **extra)

    return Styles(
        body=style("body", 9.5, 13.5, spaceAfter=4),
        small=style("small", 8, 10.5, textColor=MUTED, spaceAfter=4),
        muted=style("muted", 9.5, 13.5, textColor=MUTED, spaceAfter=4),
        kicker=style("kicker", 8.5, 11, fontName=bold, textColor=MUTED, spaceAfter=2),
        title=style("title", 19, 23, fontName=bold, spaceAfter=3),
        subtitle=style("subtitle", 10.5, 14, textColor=MUTED, spaceAfter=2),
        part=style("part", 17, 21, fontName=bold, spaceAfter=8, keepWithNext=1),
        h1=style("h1", 13.5, 17, fontName=bold, spaceBefore=14, spaceAfter=5, keepWithNext=1),
        h2=style("h2", 10.5, 14, fontName=bold, spaceBefore=9, spaceAfter=3, keepWithNext=1),
        cell=style("cell", 8.5, 11),
        cell_bold=style("cell_bold", 8.5, 11, fontName=bold),
        cell_right=style("cell_right", 8.5, 11, alignment=TA_RIGHT),
        head_right=style("head_right", 8.5, 11, fontName=bold, alignment=TA_RIGHT),
        note_meta=style("note_meta", 8, 10.5, fontName=bold, textColor=MUTED, keepWithNext=1),
        caption=style("caption", 8.5, 11, textColor=MUTED, spaceBefore=3, spaceAfter=10),
        cover_title=style("cover_title", 28, 34, fontName=bold, spaceAfter=10),
        cover_line=style("cover_line", 13, 18, spaceAfter=4),
    )


# Text ---------------------------------------------------------------------------------------


def esc(text: object) -> str:
    """User text made safe for a Paragraph: `<b>` and `&` print exactly as typed."""
    cleaned = _CONTROL.sub("", str(text)).replace("\t", " ")
    return escape(cleaned).replace("\n", "<br/>")


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, ending in an ellipsis when shortened."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def clip_to_width(text: str, width: float, font: str, size: float) -> str:
    """The longest start of `text` (with an ellipsis if cut) that fits `width` points."""
    text = " ".join(_CONTROL.sub("", text).split())
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # binary search: a 20,000-character name stays quick
        middle = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def para(text: object, style: ParagraphStyle | None = None) -> Flowable:
    """One paragraph of user text; it prints exactly as typed, markup characters and all."""
    return Text(str(text), style or styles().body)


def markup(html: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of our own markup; every user value in it must have gone through `esc`."""
    return Paragraph(html, style or styles().body)


def labelled(label: str, value: object, style: ParagraphStyle | None = None) -> Flowable:
    """ "Label: value" with the label in bold."""
    return Text(str(value), style or styles().body, label=f"{label}: ")


class Text(Flowable):
    """User text as a paragraph, drawn as a single line when it fits one.

    Most report text (labels, dates, names, short notes) is one line; drawing it directly
    skips ReportLab's markup parser and line breaker, the slowest part of a long portfolio.
    Text that needs more room becomes an escaped Paragraph, so it wraps and splits as usual.
    """

    def __init__(self, text: str, style: ParagraphStyle, label: str = ""):
        super().__init__()
        self.text = " ".join(_CONTROL.sub("", text).split())
        self.label = label
        self.style = style
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self._paragraph: Paragraph | None = None
        self._width: float | None = None

    def wrap(self, available_width, available_height):
        if self._paragraph is None and self._fits(available_width):
            self.width, self.height = available_width, self.style.leading
            return self.width, self.height
        return self._as_paragraph().wrap(available_width, available_height)

    def split(self, available_width, available_height):
        if self._paragraph is None and self._fits(available_width):
            return []
        return self._as_paragraph().split(available_width, available_height)

    def draw(self):
        if self._paragraph is not None:
            self._paragraph.drawOn(self.canv, 0, 0)
            return
        style, canvas = self.style, self.canv
        _, bold = fonts()
        # Where a one-line Paragraph puts its baseline, so both kinds line up.
        y = style.leading - style.fontSize
        canvas.setFillColor(style.textColor)
        x = 0.0
        if style.alignment == TA_RIGHT:
            x = self.width - self._text_width()
        if self.label:
            canvas.setFont(bold, style.fontSize)
            canvas.drawString(x, y, self.label)
            x += pdfmetrics.stringWidth(self.label, bold, style.fontSize)
        canvas.setFont(style.fontName, style.fontSize)
        canvas.drawString(x, y, self.text)

    def _fits(self, width: float) -> bool:
        return len(self.text) + len(self.label) <= 160 and self._text_width() <= width

    def _text_width(self) -> float:
        if self._width is None:
            _, bold = fonts()
            size = self.style.fontSize
            label = pdfmetrics.stringWidth(self.label, bold, size) if self.label else 0
            self._width = label + pdfmetrics.stringWidth(self.text, self.style.fontName, size)
        return self._width

    def _as_paragraph(self) -> Paragraph:
        if self._paragraph is None:
            label = f"<b>{escape(self.label)}</b>" if self.label else ""
            self._paragraph = Paragraph(label + escape(self.text), self.style)
        return self._paragraph


def text_block(text: str, style: ParagraphStyle | None = None) -> list[Flowable]:
    """Long user text as one paragraph per line, so a 20,000-character note flows over pages."""
    style = style or styles().body
    blocks: list[Flowable] = []
    for line in text.strip().splitlines():
        if line.strip():
            blocks.append(para(line, style))
        elif blocks and not isinstance(blocks[-1], Spacer):
            blocks.append(Spacer(1, style.leading / 2))
    return blocks


def empty(sentence: str) -> Paragraph:
    """What a section says when it has nothing to show."""
    return para(sentence, styles().muted)


def heading(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    return para(clip(text, HEADING_LIMIT), style or styles().h1)


def title_block(kicker: str, title: str, lines: Sequence[str]) -> list[Flowable]:
    """The top of a one-subject report: what it is, whom it is about, and the details."""
    s = styles()
    blocks: list[Flowable] = [
        para(kicker.upper(), s.kicker),
        para(clip(title, HEADING_LIMIT), s.title),
    ]
    blocks += [para(clip(line, CELL_LIMIT), s.subtitle) for line in lines if line]
    blocks.append(Spacer(1, 6))
    return blocks


def pct_text(value: float | None) -> str:
    return "–" if value is None else f"{round(value)}%"


def day_text(day: date | None) -> str:
    if day is None:
        return "–"
    month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{month[day.month - 1]} {day.day}, {day.year}"


# Tables, figures, photos ----------------------------------------------------------------------


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    right: Sequence[int] = (),
    bold_first: bool = False,
) -> Table:
    """A table whose header repeats on every page; long cells wrap, and all print as typed."""
    regular, bold = fonts()
    room = [w - 2 * CELL_PADDING for w in widths]
    head = [_cell(h, room[n], bold, n in right, bold=True) for n, h in enumerate(header)]
    body = []
    for row in rows:
        cells: list[object] = []
        for n, value in enumerate(row):
            if isinstance(value, Flowable):
                cells.append(value)
                continue
            strong = bold_first and n == 0
            cells.append(_cell(value, room[n], bold if strong else regular, n in right, strong))
        body.append(cells)
    table = Table([head, *body], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands = [
        ("FONT", (0, 0), (-1, 0), bold, CELL_SIZE, CELL_LEADING),
        ("FONT", (0, 1), (-1, -1), regular, CELL_SIZE, CELL_LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    commands += [("ALIGN", (n, 0), (n, -1), "RIGHT") for n in right]
    if bold_first:
        commands.append(("FONT", (0, 1), (0, -1), bold, CELL_SIZE, CELL_LEADING))
    table.setStyle(TableStyle(commands))
    table.spaceAfter = 6
    return table


def _cell(value: object, room: float, font: str, right: bool, bold: bool = False) -> object:
    """A short one-line cell as a plain string (drawn as is, never parsed, and much quicker
    to lay out than a paragraph); anything longer as an escaped paragraph that wraps."""
    text = "" if value is None else _CONTROL.sub("", str(value))
    short = len(text) <= 60 and "\n" not in text
    if short and pdfmetrics.stringWidth(text, font, CELL_SIZE) <= room:
        return text
    s = styles()
    styles_by_kind = {
        (True, True): s.head_right,
        (True, False): s.cell_bold,
        (False, True): s.cell_right,
        (False, False): s.cell,
    }
    return para(clip(text, CELL_LIMIT), styles_by_kind[bold, right])


def figures_row(items: Sequence[tuple[str, str]], width: float) -> Table:
    """A chart's companions: up to four big numbers, each with its label underneath."""
    regular, bold = fonts()
    room = width / len(items) - 16
    values = [clip_to_width(value, room, bold, FIGURE_SIZE) for value, _ in items]
    labels = [clip_to_width(label, room, regular, FIGURE_LABEL_SIZE) for _, label in items]
    table = Table([values, labels], colWidths=[width / len(items)] * len(items), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), bold, FIGURE_SIZE, FIGURE_SIZE + 4),
                ("FONT", (0, 1), (-1, 1), regular, FIGURE_LABEL_SIZE, FIGURE_LABEL_SIZE + 2),
                ("TEXTCOLOR", (0, 0), (-1, 0), INK),
                ("TEXTCOLOR", (0, 1), (-1, 1), MUTED),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LINEAFTER", (0, 0), (-2, -1), 2, HexColor("#FFFFFF")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, 0), 9),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
                ("TOPPADDING", (0, 1), (-1, 1), 0),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 9),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def photo(
    data: bytes,
    width_px: int | None,
    height_px: int | None,
    caption: str,
    max_width: float,
    max_height: float,
) -> list[Flowable]:
    """An evidence photo scaled to fit, with its caption; a sentence if it can't be read."""
    s = styles()
    if not width_px or not height_px:
        return [empty(f"This photo can't be shown (its size is unreadable): {clip(caption, 200)}")]
    # Shrunk to fit, and never blown up past twice its size on a 96 dpi screen.
    scale = min(max_width / width_px, max_height / height_px, 2 * 72 / 96)
    image = _SafeImage(BytesIO(data), width=width_px * scale, height=height_px * scale)
    image.hAlign = "LEFT"
    # Kept with its caption, and a heading just before it is kept with both.
    image.keepWithNext = 1
    return [image, para(clip(caption, CELL_LIMIT), s.caption)]


class _SafeImage(Image):
    """An image that draws a framed sentence instead of failing on a damaged file."""

    def draw(self):
        try:
            super().draw()
        except Exception:  # a truncated photo must not stop the whole report
            regular, _ = fonts()
            canvas = self.canv
            canvas.saveState()
            canvas.setStrokeColor(RULE)
            canvas.rect(0, 0, self.drawWidth, self.drawHeight)
            canvas.setFont(regular, 9)
            canvas.setFillColor(MUTED)
            canvas.drawString(
                8, self.drawHeight / 2, "This photo can't be shown: the file is damaged."
            )
            canvas.restoreState()


# The document ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentSetup:
    """What every page says: the running title, who prepared it and when, and the paper."""

    title: str  # "Teacher coaching report: Nguyễn Thị Hương"
    author: str
    paper_size: str
    prepared_on: date


@dataclass(frozen=True)
class _TocEntry:
    key: str
    text: str
    level: int


class Contents:
    """A table of contents filled in as the document is laid out, in a single pass.

    Headings made here are numbered as they land on a page; the contents pages hold
    forms that are drawn when the document is saved, once every page number is known.
    Every entry takes one line, so the number of contents pages is known up front.
    """

    LINE = 15.0
    TITLE_SPACE = 40.0

    def __init__(self) -> None:
        self.entries: list[_TocEntry] = []

    def heading(self, text: str, level: int = 0) -> Paragraph:
        s = styles()
        key = f"section-{len(self.entries)}"
        self.entries.append(_TocEntry(key, text, level))
        paragraph = heading(text, s.part if level == 0 else s.h1)
        paragraph.toc_key = key
        paragraph.toc_level = level
        paragraph.toc_text = text
        return paragraph

    def pages_needed(self, frame_height: float) -> int:
        first = int((frame_height - self.TITLE_SPACE) // self.LINE)
        rest = int(frame_height // self.LINE)
        left = max(0, len(self.entries) - first)
        return 1 + -(-left // rest)

    def placeholders(self, paper_size: str) -> list[Flowable]:
        """One page per contents page, each drawn from a form at save time."""
        _, height = page_size(paper_size)
        count = self.pages_needed(height - MARGIN_TOP - MARGIN_BOTTOM)
        blocks: list[Flowable] = []
        for number in range(count):
            blocks.append(_ContentsPage(self, number))
            blocks.append(PageBreak())
        return blocks

    def page_slices(self, frame_height: float) -> list[list[_TocEntry]]:
        first = int((frame_height - self.TITLE_SPACE) // self.LINE)
        rest = int(frame_height // self.LINE)
        slices = [self.entries[:first]]
        left = self.entries[first:]
        while left:
            slices.append(left[:rest])
            left = left[rest:]
        return slices


class _ContentsPage(Flowable):
    """A zero-height mark at the top of a contents page: its form and its links."""

    def __init__(self, contents: Contents, number: int):
        super().__init__()
        self.contents = contents
        self.number = number

    def wrap(self, available_width, available_height):
        self.frame_width, self.frame_height = available_width, available_height
        return 0, 0

    def draw(self):
        canvas = self.canv
        canvas.doForm(f"contents-{self.number}")
        entries = self.contents.page_slices(self.frame_height)
        if self.number >= len(entries):
            return
        top = -Contents.TITLE_SPACE if self.number == 0 else 0.0
        for n, entry in enumerate(entries[self.number]):
            y = top - (n + 1) * Contents.LINE
            rect = (0, y - 3, self.frame_width, y + Contents.LINE - 3)
            canvas.linkRect("", entry.key, rect, relative=1, thickness=0)


class _ReportCanvas(Canvas):
    """A canvas that draws the deferred forms (page total, contents) just before saving."""

    def __init__(self, *args, report: "ReportDocument", **kwargs):
        super().__init__(*args, **kwargs)
        self._report = report

    def save(self):
        self._report.draw_deferred(self)
        super().save()


class ReportDocument(BaseDocTemplate):
    """Letter or A4, a running header, and a footer with the confidentiality note and
    "Page N of M" on every page; an optional cover page without the header."""

    def __init__(
        self,
        target,
        setup: DocumentSetup,
        *,
        invariant: bool = False,
        contents: Contents | None = None,
        cover: bool = False,
    ):
        width, height = page_size(setup.paper_size)
        super().__init__(
            target,
            pagesize=(width, height),
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=setup.title,
            author=setup.author,
            creator="Coachbook",
            invariant=1 if invariant else 0,
        )
        self.setup = setup
        self.contents = contents
        self.section_pages: dict[str, int] = {}
        self.page_count = 0
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            width - 2 * MARGIN_X,
            height - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        templates = [
            PageTemplate("page", [frame], onPage=self._furnish),
            PageTemplate("cover", [frame], onPage=self._footer),
        ]
        # The first template is the first page's: the cover, when there is one.
        self.addPageTemplates(templates[::-1] if cover else templates)

    def handle_keepWithNext(self, flowables):
        """Keep a heading (or a photo) with what follows by starting a new page when too
        little room is left, rather than ReportLab's way of measuring them together, which
        lays out every table after a heading twice."""
        run = 0
        while run < len(flowables) and flowables[run].getKeepWithNext():
            run += 1
        if not run or self.frame._atTop:
            return
        width = self.frame._getAvailableWidth()
        need = sum(self._height(f, width) for f in flowables[:run])
        if run < len(flowables):
            after = flowables[run]
            cheap = isinstance(after, Image | Drawing | Spacer)
            need += self._height(after, width) if cheap else KEEP_WITH_NEXT_ROOM
        if need > self.frame._y - self.frame._y1p:
            flowables.insert(0, PageBreak())

    def _height(self, flowable: Flowable, width: float) -> float:
        _, height = flowable.wrapOn(self.canv, width, self.frame._aH)
        return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()

    def afterFlowable(self, flowable):
        key = getattr(flowable, "toc_key", None)
        if key and key not in self.section_pages:
            self.section_pages[key] = self.page
            self.canv.bookmarkPage(key)
            text = clip(flowable.toc_text, 120)
            self.canv.addOutlineEntry(text, key, level=flowable.toc_level, closed=True)

    def draw_deferred(self, canvas: Canvas) -> None:
        """The page total, and the contents with their page numbers, as forms."""
        regular, bold = fonts()
        self._draw_furniture(canvas)
        self.page_count = canvas.getPageNumber() - 1
        canvas.beginForm("page-total", 0, -4, 60, 12)
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(0, 0, str(self.page_count))
        canvas.endForm()
        if self.contents is None:
            return
        width = self.width
        slices = self.contents.page_slices(self.height)
        for number, entries in enumerate(slices):
            canvas.beginForm(f"contents-{number}", 0, -self.height, width, 0)
            top = 0.0
            if number == 0:
                canvas.setFont(bold, 16)
                canvas.setFillColor(INK)
                canvas.drawString(0, -20, "Contents")
                top = -Contents.TITLE_SPACE
            for n, entry in enumerate(entries):
                y = top - (n + 1) * Contents.LINE
                font, size = (bold, 10) if entry.level == 0 else (regular, 9.5)
                indent = 16 * entry.level
                page = str(self.section_pages.get(entry.key, ""))
                room = width - indent - 40
                text = clip_to_width(entry.text, room, font, size)
                canvas.setFont(font, size)
                canvas.setFillColor(INK)
                canvas.drawString(indent, y, text)
                canvas.drawRightString(width, y, page)
                used = indent + pdfmetrics.stringWidth(text, font, size) + 6
                end = width - pdfmetrics.stringWidth(page, font, size) - 6
                if end > used:
                    canvas.setStrokeColor(RULE)
                    canvas.setDash(1, 3)
                    canvas.line(used, y + 1, end, y + 1)
                    canvas.setDash()
            canvas.endForm()

    def _furnish(self, canvas: Canvas, doc) -> None:
        canvas.doForm("page-header")
        self._footer(canvas)

    def _footer(self, canvas: Canvas, doc=None) -> None:
        regular, _ = fonts()
        canvas.doForm("page-footer")
        # "Page N of " here; the rest of the footer and the total are forms drawn at save.
        width, _ = self.pagesize
        label = f"Page {canvas.getPageNumber()} of "
        x = width - MARGIN_X - pdfmetrics.stringWidth("Page 0000 of 0000", regular, 7.5)
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(x, FOOTER_Y, label)
        canvas.translate(x + pdfmetrics.stringWidth(label, regular, 7.5), FOOTER_Y)
        canvas.doForm("page-total")
        canvas.restoreState()

    def _draw_furniture(self, canvas: Canvas) -> None:
        """What every page repeats, drawn once as forms: the header and the footer's note."""
        regular, _ = fonts()
        width, height = self.pagesize
        canvas.beginForm("page-header")
        y = height - 0.55 * inch
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(MUTED)
        prepared = f"Prepared {day_text(self.setup.prepared_on)}"
        room = width - 2 * MARGIN_X - pdfmetrics.stringWidth(prepared, regular, 7.5) - 18
        canvas.drawString(MARGIN_X, y, clip_to_width(self.setup.title, room, regular, 7.5))
        canvas.drawRightString(width - MARGIN_X, y, prepared)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, y - 5, width - MARGIN_X, y - 5)
        canvas.endForm()
        canvas.beginForm("page-footer")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, FOOTER_Y + 10, width - MARGIN_X, FOOTER_Y + 10)
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN_X, FOOTER_Y, FOOTER_NOTE)
        canvas.endForm()


def setup_for(title: str, byline: Byline) -> DocumentSetup:
    return DocumentSetup(title, byline.coach, byline.paper_size, byline.prepared_on)


def prepared_by(byline: Byline) -> str:
    """ "Prepared by Coach, Title, District on Nov 25, 2026"."""
    who = ", ".join(part for part in (byline.coach, byline.title, byline.district) if part)
    when = day_text(byline.prepared_on)
    return f"Prepared by {who} on {when}" if who else f"Prepared on {when}"


def page_size(paper_size: str) -> tuple[float, float]:
    return PAGE_SIZES.get(paper_size, LETTER)


def frame_width(paper_size: str) -> float:
    return page_size(paper_size)[0] - 2 * MARGIN_X


def frame_height(paper_size: str) -> float:
    return page_size(paper_size)[1] - MARGIN_TOP - MARGIN_BOTTOM


def after_cover() -> list[Flowable]:
    """Ends the cover page; the pages after it have the running header."""
    return [NextPageTemplate("page"), PageBreak()]


# Writing --------------------------------------------------------------------------------------


def write_pdf(
    story: list[Flowable],
    out: PathOrFile,
    setup: DocumentSetup,
    *,
    invariant: bool = False,
    contents: Contents | None = None,
    cover: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Lay out the story and write it: to a path atomically, or into an open binary file.

    With `cover`, the first page has no running header; end it with `after_cover()`.
    Returns the number of pages.
    """
    pages = 0

    def build(target) -> None:
        nonlocal pages
        doc = ReportDocument(target, setup, invariant=invariant, contents=contents, cover=cover)
        total = max(1, len(story))
        done = 0

        def on_progress(kind: str, value: int) -> None:
            nonlocal done
            if kind != "PROGRESS":
                return
            if cancel is not None:
                cancel()
            if progress is not None and value > done:
                done = min(value, total)
                progress(done, total)

        doc.setProgressCallBack(on_progress)
        if cancel is not None:
            cancel()
        doc.build(
            list(story),
            canvasmaker=lambda *args, **kwargs: _ReportCanvas(*args, report=doc, **kwargs),
        )
        pages = doc.page_count

    if hasattr(out, "write"):
        build(out)
    else:
        write_atomically(Path(out), build)
    return pages


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Write through a temp file in the same folder, then rename it over `path`.

    A failed, cancelled or killed export leaves an earlier file of the same name whole, and
    never a half-written one under that name; a killed one's temp file is listed in the
    ledger that `clean_leftover_exports()` clears at the next start.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise ExportError(
            f"{path} is a folder. Give a file name in it, such as {path / 'report.pdf'}."
        )
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(
            f"The folder {folder} does not exist. Create it first, or choose another folder."
        )
    prefix = temp_file_prefix(path)
    with unfinished_write(folder / prefix):
        try:
            handle, temp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=TEMP_FILE_SUFFIX)
        except OSError as exc:
            raise ExportError(write_problem(exc, path)) from exc
        try:
            with os.fdopen(handle, "wb") as stream:
                write(stream)
                stream.flush()
                os.fsync(stream.fileno())
            _copy_mode(path, Path(temp))
            os.replace(temp, path)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            if isinstance(exc, OSError):
                raise ExportError(write_problem(exc, path)) from exc
            raise
    sync_folder(folder)
    return path


def _copy_mode(path: Path, temp: Path) -> None:
    """The replaced file's permissions, or the usual ones for a new file (not mkstemp's 0600)."""
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(temp, mode)
    except OSError:
        pass


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX only; Windows has no directory handles)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_problem(exc: OSError, path: Path) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return (
            f"The disk is full, so {path.name} was not written. Free some space or save to "
            "another drive, then export again."
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"Coachbook may not write to {path}. Choose a folder you can save in, such as "
            "your Documents; if the file is open in another program, close it first."
        )
    if exc.errno == errno.EROFS:
        return f"{path.parent} is read-only. Save to another folder or drive."
    reason = exc.strerror or exc.__class__.__name__
    return f"Couldn't write {path} ({reason}). Check the folder and try again."
