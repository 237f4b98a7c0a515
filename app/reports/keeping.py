"""What stays together on a page: table rows, a heading and what it introduces, a chart and its
caption; and the heading a block repeats, "… (continued)", on each page it runs onto."""

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.doctemplate import FrameActionFlowable

from app.fonts import runs, string_width
from app.reports.styles import fonts, styles
from app.reports.text import Text, clip

# A table breaks only where at least this many body rows stay on each side of the break.
ROWS_KEPT = 2
CONTINUED = " (continued)"
# Paragraph styles a chart's caption is set in: a chart is kept with a paragraph in one of them.
CAPTION_STYLES = ("small", "caption")
# The longest heading, as in flowables.heading.
HEADING_LIMIT = 240
# An introduction longer than this is not measured ahead of the table it introduces.
INTRO_LIMIT = 600


class SharedTextTable(Table):
    """A table that draws its plain-string cells in one PDF text object, not one each.

    ReportLab starts a text object (its position, font and size, then the text) for every
    cell; a year's portfolio has thousands of cells, and that setting up is much of the time
    its tables take to draw. Runs of a fallback font go in the same object. A cell that is a
    flowable, or styled in a way only ReportLab draws, ends the shared object first, so the
    page's text stays in the order ReportLab would write it.
    """

    _cell_text = None  # the text object open while plain cells are drawn

    def _drawCell(self, cellval, cellstyle, pos, size):
        if not (
            isinstance(cellval, str)
            and cellstyle.alignment in ("LEFT", "RIGHT", "CENTRE", "CENTER")
            and cellstyle.valign in ("TOP", "BOTTOM", "MIDDLE")
            and not (cellstyle.direction or cellstyle.shaping)
            and not (cellstyle.href or cellstyle.destination)
        ):
            self._end_cell_text()
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        colpos, rowpos = pos
        colwidth, rowheight = size
        lines = cellval.split("\n")
        leading, font, font_size = cellstyle.leading, cellstyle.fontname, cellstyle.fontsize
        # Where ReportLab puts the first baseline.
        if cellstyle.valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + len(lines) * leading - font_size
        elif cellstyle.valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - font_size
        else:
            middle = cellstyle.bottomPadding + rowheight - cellstyle.topPadding
            y = rowpos + (middle + len(lines) * leading) / 2.0 - font_size
        for line in lines:
            x = self._cell_x(line, cellstyle, colpos, colwidth)
            self._cell_text_at(x, y, cellstyle)
            text = self._cell_text
            for run_font, piece in runs(line, font):
                if (text._fontname, text._fontsize, text._leading) != (
                    run_font,
                    font_size,
                    leading,
                ):
                    text.setFont(run_font, font_size, leading)
                text.textOut(piece)
            y -= leading

    def _cell_x(self, line: str, cellstyle, colpos: float, colwidth: float) -> float:
        if cellstyle.alignment == "LEFT":
            return colpos + cellstyle.leftPadding
        width = string_width(line, cellstyle.fontname, cellstyle.fontsize)
        if cellstyle.alignment == "RIGHT":
            return colpos + colwidth - cellstyle.rightPadding - width
        return (
            colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5 - width / 2
        )

    def _cell_text_at(self, x: float, y: float, cellstyle) -> None:
        """The shared text object, moved to (x, y) and in the cell's colour."""
        if self._cell_text is None:
            self._cell_text = self.canv.beginText(x, y)
            self._cell_text.setFillColor(cellstyle.color)
            self._cell_colour = cellstyle.color
            return
        self._cell_text.setTextOrigin(x, y)
        if cellstyle.color != self._cell_colour:
            self._cell_text.setFillColor(cellstyle.color)
            self._cell_colour = cellstyle.color

    def _end_cell_text(self) -> None:
        if self._cell_text is not None:
            self.canv.drawText(self._cell_text)
            self._cell_text = None
            # The text object changed the fill colour: ReportLab sets it again for what follows.
            self._curcellstyle = None

    def _drawLines(self):
        self._end_cell_text()  # the text goes down before the rules, as ReportLab draws them
        super()._drawLines()


class KeptTable(SharedTextTable):
    """A table that breaks only where at least ROWS_KEPT body rows stay on each side (a
    shorter one moves to the next page whole), and knows the least of itself a page must
    hold to start it: its header rows and its first ROWS_KEPT body rows."""

    # Set by the table's builder: its style commands, and its cells' padding and leading.
    opening_commands: Sequence[tuple] | None = None
    cell_padding: tuple[float, float] = (4, 3)  # left and right, top and bottom
    cell_leading: float = 11

    def _getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=0):
        # ReportLab's last row the page can end on, moved up so ROWS_KEPT rows go on; or
        # none (0) when that would leave fewer than ROWS_KEPT body rows on this page.
        split_at = super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans)
        rows = len(self._rowHeights)
        if split_at >= rows:
            return split_at  # it all fits
        split_at = min(split_at, rows - ROWS_KEPT)
        return split_at if split_at - self._header_rows() >= ROWS_KEPT else 0

    def _header_rows(self) -> int:
        return self.repeatRows if isinstance(self.repeatRows, int) else max(self.repeatRows) + 1

    def _opening_rows(self) -> list:
        header = self._header_rows()
        if len(self._cellvalues) <= header + 2 * ROWS_KEPT - 1:
            return self._cellvalues  # it moves whole: all of it must fit
        return self._cellvalues[: header + ROWS_KEPT]

    def opening_height(self, width: float, height: float) -> float | None:
        """The height of the table's first piece, or None when it can't tell."""
        if self.opening_commands is None:
            return None
        rows = self._opening_rows()
        opening = Table(rows, colWidths=self._colWidths, style=list(self.opening_commands))
        _, tall = opening.wrap(width, height)
        return tall + self.getSpaceBefore() + self.getSpaceAfter()

    def opening_at_most(self) -> float | None:
        """A quick upper bound of `opening_height` from the width of the cells' text (no line
        breaking), or None when a cell is not text. Greedy line breaking fills any two lines
        in a row with more than one line's room of text, so a cell holds at most
        2 × text width / room + 1 lines; one line more, and a fifth more width for fallback
        glyphs and bold runs, are allowed."""
        if self.opening_commands is None or any(w is None for w in self._colWidths):
            return None
        _, bold = fonts()
        across, down = self.cell_padding
        total = self.getSpaceBefore() + self.getSpaceAfter()
        for row in self._opening_rows():
            tallest = self.cell_leading
            for value, column in zip(row, self._colWidths, strict=False):
                if isinstance(value, str):
                    continue  # a plain string cell is one line
                if not isinstance(value, Text | Paragraph):
                    return None
                style = value.style
                room = column - 2 * across - stringWidth(" ", bold, style.fontSize)
                text = stringWidth(value.text, bold, style.fontSize) * 1.2
                lines = 2 * text / max(room, 1) + 2 + value.text.count("<br")
                tallest = max(tallest, lines * style.leading)
            total += tallest + 2 * down
        return total


def is_caption(flowable: Flowable) -> bool:
    style = getattr(flowable, "style", None)
    return isinstance(flowable, Text | Paragraph) and getattr(style, "name", "") in CAPTION_STYLES


def is_chart(flowable: Flowable) -> bool:
    return isinstance(flowable, Drawing)


class _ContinuedMark(FrameActionFlowable):
    """Takes no room; where it lands, it starts (or, without a heading, ends) a block whose
    later pages begin with its heading. Blocks nest: the innermost one's heading repeats."""

    _ZEROSIZE = True
    width = height = 0

    def __init__(self, heading: Flowable | None):  # FrameActionFlowable has no __init__ to call
        self.heading = heading

    def frameAction(self, frame) -> None:
        doc = self.canv._doctemplate
        open_blocks = getattr(doc, "_continued_blocks", [])
        if self.heading is not None:
            open_blocks.append(self.heading)
        elif open_blocks:
            open_blocks.pop()
        doc._continued_blocks = open_blocks
        # ReportLab's page-top list: what every new page draws first.
        doc._pageTopFlowables = open_blocks[-1:]


def continued_heading(text: str, style: ParagraphStyle | None = None) -> Flowable:
    """ "<text> (continued)", the heading a page repeats when a block carries on onto it."""
    return Text(clip(text, HEADING_LIMIT - len(CONTINUED)) + CONTINUED, style or styles().h1)


def continued_block(
    heading: Flowable,
    heading_text: str,
    blocks: Sequence[Flowable],
    style: ParagraphStyle | None = None,
) -> list[Flowable]:
    """`heading`, then `blocks`; each later page the blocks run onto begins with
    "`heading_text` (continued)", in `style` (by default the heading's own style)."""
    style = style or getattr(heading, "style", None) or styles().h1
    return [
        heading,
        _ContinuedMark(continued_heading(heading_text, style)),
        *blocks,
        _ContinuedMark(None),
    ]


def is_cheap_group(flowable: Flowable) -> bool:
    """Flowables kept together that are quick to measure: charts, images and short text."""
    if not isinstance(flowable, KeepTogether):
        return False
    parts = flowable._content
    return len(parts) <= 4 and all(
        isinstance(part, Drawing | Image | Spacer)
        or (isinstance(part, Text | Paragraph) and len(part.text) < INTRO_LIMIT)
        for part in parts
    )


def is_mark(flowable: Flowable) -> bool:
    """A flowable that takes no room and only changes what the frame or later pages do."""
    return getattr(flowable, "frameAction", None) is not None
