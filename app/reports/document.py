"""The document: paper and margins, the running header, the footer with "Page N of M", and
a table of contents filled in as the pages are laid out."""

from dataclasses import dataclass
from datetime import date

from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
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
)

from app.fonts import FallbackCanvas
from app.reports.flowables import heading
from app.reports.keeping import (
    INTRO_LIMIT,
    KeptTable,
    is_caption,
    is_chart,
    is_cheap_group,
    is_mark,
)
from app.reports.styles import FOOTER_SIZE, INK, MUTED, RULE, fonts, styles
from app.reports.text import Text, clip, clip_to_width
from app.services.reports.shared import Byline
from app.text import full_date

# Who reads these and what they must never see: said on every page.
FOOTER_NOTE = "Confidential coaching record: private notes are never included."
PAGE_SIZES = {"letter": LETTER, "a4": A4}
MARGIN_X = 0.75 * inch
MARGIN_TOP = 0.9 * inch
MARGIN_BOTTOM = 0.85 * inch
# Room a heading needs below it (about three lines) before it may end a page.
KEEP_WITH_NEXT_ROOM = 48
FOOTER_Y = 0.5 * inch


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


class ReportCanvas(FallbackCanvas):
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
            initialFontName=fonts()[0],  # each page starts in embedded DejaVu, not Helvetica
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
        """Keep a heading (or a photo) with the start of what follows, and a chart with its
        caption, by starting a new page when too little room is left, rather than ReportLab's
        way of measuring them together, which lays out every table after a heading twice.

        The start of what follows is measured where that is cheap: a chart with its caption,
        a table's header and first rows (with a short introduction before it), an image."""
        run = 0
        while run < len(flowables) and flowables[run].getKeepWithNext():
            run += 1
        if not (run or self._captioned_chart(flowables, 0)) or self._at_page_top():
            return
        width = self.frame._getAvailableWidth()
        need = sum(self._height(f, width) for f in flowables[:run])
        room = self.frame._y - self.frame._y1p
        if run < len(flowables):
            need += self._start_height(flowables, run, width, room - need)
        if need > room:
            flowables.insert(0, PageBreak())

    def handle_frameBegin(self, resume=0, pageTopFlowables=None):
        # How many flowables the page repeats at its top (a block's "… (continued)").
        self._repeated_at_top = len(pageTopFlowables or ())
        super().handle_frameBegin(resume, pageTopFlowables)

    def _at_page_top(self) -> bool:
        """Nothing on the page yet but what it repeats at its top."""
        repeated = getattr(self, "_repeated_at_top", 0)
        return self.frame._atTop or (repeated and self._curPageFlowableCount <= repeated)

    def _start_height(self, flowables: list, start: int, width: float, room: float) -> float:
        """The least room the flowables from `start` on must have to begin on this page (or
        a bound of it no more than `room`, when that is quicker to tell)."""
        while start < len(flowables) and is_mark(flowables[start]):
            start += 1
        if start == len(flowables):
            return 0
        first = flowables[start]
        if self._captioned_chart(flowables, start):
            return self._height(first, width) + self._height(flowables[start + 1], width)
        if isinstance(first, Image | Drawing | Spacer) or is_cheap_group(first):
            return self._height(first, width)
        # A short introduction, then the table it introduces: both, and the table's start.
        ahead = flowables[start : start + 3]
        table = next((n for n, f in enumerate(ahead) if isinstance(f, KeptTable)), None)
        if table is None or not all(_is_intro(f) for f in ahead[:table]):
            return KEEP_WITH_NEXT_ROOM
        intro = sum(self._height(f, width) for f in ahead[:table])
        at_most = ahead[table].opening_at_most()
        if at_most is not None and intro + at_most <= room:
            return intro + at_most  # it fits: no need to lay its first rows out twice
        opening = ahead[table].opening_height(width, self.frame._aH)
        if opening is not None:
            return intro + opening
        return KEEP_WITH_NEXT_ROOM

    @staticmethod
    def _captioned_chart(flowables: list, at: int) -> bool:
        return at + 1 < len(flowables) and is_chart(flowables[at]) and is_caption(flowables[at + 1])

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
        canvas.setFont(regular, FOOTER_SIZE)
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
        x = width - MARGIN_X - pdfmetrics.stringWidth("Page 0000 of 0000", regular, FOOTER_SIZE)
        canvas.saveState()
        canvas.setFont(regular, FOOTER_SIZE)
        canvas.setFillColor(MUTED)
        canvas.drawString(x, FOOTER_Y, label)
        canvas.translate(x + pdfmetrics.stringWidth(label, regular, FOOTER_SIZE), FOOTER_Y)
        canvas.doForm("page-total")
        canvas.restoreState()

    def _draw_furniture(self, canvas: Canvas) -> None:
        """What every page repeats, drawn once as forms: the header and the footer's note."""
        regular, _ = fonts()
        width, height = self.pagesize
        canvas.beginForm("page-header")
        y = height - 0.55 * inch
        canvas.setFont(regular, FOOTER_SIZE)
        canvas.setFillColor(MUTED)
        prepared = f"Prepared {full_date(self.setup.prepared_on)}"
        room = width - 2 * MARGIN_X - pdfmetrics.stringWidth(prepared, regular, FOOTER_SIZE) - 18
        canvas.drawString(MARGIN_X, y, clip_to_width(self.setup.title, room, regular, FOOTER_SIZE))
        canvas.drawRightString(width - MARGIN_X, y, prepared)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, y - 5, width - MARGIN_X, y - 5)
        canvas.endForm()
        canvas.beginForm("page-footer")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, FOOTER_Y + 10, width - MARGIN_X, FOOTER_Y + 10)
        canvas.setFont(regular, FOOTER_SIZE)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN_X, FOOTER_Y, FOOTER_NOTE)
        canvas.endForm()


def _is_intro(flowable: Flowable) -> bool:
    """A short paragraph that may introduce a table, as a sentence under its heading."""
    short = isinstance(flowable, Text | Paragraph) and len(flowable.text) < INTRO_LIMIT
    return short and not flowable.getKeepWithNext()


def setup_for(title: str, byline: Byline) -> DocumentSetup:
    return DocumentSetup(title, byline.coach, byline.paper_size, byline.prepared_on)


def prepared_by(byline: Byline) -> str:
    """ "Prepared by Coach, Title, District on Nov 25, 2026"."""
    who = ", ".join(part for part in (byline.coach, byline.title, byline.district) if part)
    when = full_date(byline.prepared_on)
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
