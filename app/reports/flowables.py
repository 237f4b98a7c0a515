"""The building blocks of a report: headings, tables, figures and photos."""

from collections.abc import Sequence
from functools import lru_cache
from io import BytesIO

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.tables import LINECOMMANDS

from app.fonts import string_width
from app.reports.keeping import KeptTable, SharedTextTable
from app.reports.styles import INK, MUTED, RULE, SHADE, fonts, styles
from app.reports.text import clip, clip_to_width, para, printable

# Longest text a table cell or a heading shows; the full text goes in a paragraph instead.
CELL_LIMIT = 400
CELL_SIZE, CELL_LEADING, CELL_PADDING = 8.5, 11, 4
FIGURE_SIZE, FIGURE_LABEL_SIZE = 17, 8.5
# Room a big number keeps free in its box (left padding and a little air).
FIGURE_PADDING = 16
HEADING_LIMIT = 240


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


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    right: Sequence[int] = (),
    bold_first: bool = False,
) -> Table:
    """A table whose header repeats on every page it continues onto, that never leaves one row
    alone on a page; long cells wrap, and all print as typed."""
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
    table = KeptTable(
        [head, *body],
        colWidths=list(widths),
        repeatRows=1,
        hAlign="LEFT",
        cellStyles=_cell_styles(commands, len(widths), len(body)),
    )
    table.opening_commands = commands
    table.cell_padding, table.cell_leading = (CELL_PADDING, 3), CELL_LEADING
    table.setStyle(TableStyle([c for c in commands if c[0] in LINECOMMANDS]))
    table.spaceAfter = 6
    return table


def _cell_styles(commands: list[tuple], columns: int, body_rows: int) -> list[list]:
    """The cell styles `commands` give a table with a header row and `body_rows` rows alike.

    ReportLab applies each style command to every cell it covers, one at a time: for a long
    table that is a large share of the time it takes to make. Every body row here is styled
    the same, so the styles are worked out once, on a table of one row of each kind, and
    shared.
    """
    header, body = _row_styles(tuple(c for c in commands if c[0] not in LINECOMMANDS), columns)
    return [list(header), *(list(body) for _ in range(body_rows))]


@lru_cache(maxsize=256)
def _row_styles(cell_commands: tuple[tuple, ...], columns: int) -> tuple[list, list]:
    """The header's and a body row's cell styles (never changed once made, so shared by
    every table of the same kind)."""
    header, body = Table([[""] * columns] * 2, style=list(cell_commands))._cellStyles
    return header, body


def _cell(value: object, room: float, font: str, right: bool, bold: bool = False) -> object:
    """A short one-line cell as a plain string (drawn as is, never parsed, and much quicker
    to lay out than a paragraph); anything longer as an escaped paragraph that wraps."""
    text = "" if value is None else printable(str(value))
    short = len(text) <= 60 and "\n" not in text
    if short and string_width(text, font, CELL_SIZE) <= room:
        return text
    s = styles()
    styles_by_kind = {
        (True, True): s.head_right,
        (True, False): s.cell_bold,
        (False, True): s.cell_right,
        (False, False): s.cell,
    }
    return para(clip(text, CELL_LIMIT), styles_by_kind[bold, right])


def figures_row(
    items: Sequence[tuple[str, str]], width: float, *, sized_to_contents: bool = False
) -> Table:
    """A chart's companions: up to four big numbers, each with its label underneath.

    Columns share the width evenly, cutting what does not fit; `sized_to_contents` makes each
    column as wide as its number or label needs (a cost such as "$10,800.00" must never be
    cut), the spare room shared out evenly.
    """
    regular, bold = fonts()
    if sized_to_contents:
        widths = _widths_by_contents(items, width, regular, bold)
        values = [value for value, _ in items]
        labels = [label for _, label in items]
    else:
        widths = [width / len(items)] * len(items)
        room = width / len(items) - FIGURE_PADDING
        values = [clip_to_width(value, room, bold, FIGURE_SIZE) for value, _ in items]
        labels = [clip_to_width(label, room, regular, FIGURE_LABEL_SIZE) for _, label in items]
    table = SharedTextTable([values, labels], colWidths=widths, hAlign="LEFT")
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


def _widths_by_contents(
    items: Sequence[tuple[str, str]], width: float, regular: str, bold: str
) -> list[float]:
    needed = [
        max(
            pdfmetrics.stringWidth(value, bold, FIGURE_SIZE),
            pdfmetrics.stringWidth(label, regular, FIGURE_LABEL_SIZE),
        )
        + FIGURE_PADDING
        for value, label in items
    ]
    if sum(needed) > width:
        return [width * n / sum(needed) for n in needed]
    spare = (width - sum(needed)) / len(items)
    return [n + spare for n in needed]


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
