"""The portfolio's shortcuts through ReportLab print exactly what ReportLab itself would: table
cells in one text object, cell styles worked out once, paragraphs made without the parser,
and one-line text drawn where it goes."""

import io
import re

from pypdf import PdfReader
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from app.fonts import FallbackCanvas
from app.reports.flowables import CELL_LEADING, CELL_SIZE, data_table
from app.reports.keeping import SharedTextTable
from app.reports.styles import INK, fonts, styles
from app.reports.text import Text, in_fonts

MIXED = "Ana & <b>Ruiz</b> 陈老师 😀 Nguyễn"


def _pieces(flowables: list) -> list[tuple[str, float, float]]:
    """Each piece of text a PDF of `flowables` shows, with where it starts on the page."""
    out = io.BytesIO()
    SimpleDocTemplate(out).build(flowables, canvasmaker=FallbackCanvas)
    pieces = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            pieces.append((text, round(tm[4] * cm[0] + cm[4], 1), round(tm[5] * cm[3] + cm[5], 1)))

    for page in PdfReader(io.BytesIO(out.getvalue())).pages:
        page.extract_text(visitor_text=visit)
    return pieces


def _shown(flowables: list) -> list[tuple[str, str, str]]:
    """Each place a PDF of `flowables` moves its text to, and the text it shows there, from the
    page's drawing commands."""
    out = io.BytesIO()
    SimpleDocTemplate(out, pageCompression=0, invariant=1).build(
        flowables, canvasmaker=FallbackCanvas
    )
    stream = (
        PdfReader(io.BytesIO(out.getvalue())).pages[0].get_contents().get_data().decode("latin-1")
    )
    shown = []
    for x, y, text in re.findall(r"1 0 0 1 (\S+) (\S+) Tm|\(((?:[^()\\]|\\.)*)\) Tj", stream):
        if x:
            shown.append([x, y, ""])
        else:
            shown[-1][2] += text
    return [tuple(place) for place in shown if place[2]]


def _table(cls, rows):
    regular, bold = fonts()
    table = cls(rows, colWidths=[90, 150, 70])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), regular, CELL_SIZE, CELL_LEADING),
                ("FONT", (0, 0), (-1, 0), bold, CELL_SIZE, CELL_LEADING),
                ("TEXTCOLOR", (0, 1), (0, -1), INK),
                ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                ("ALIGN", (1, 3), (1, 3), "CENTRE"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, INK),
            ]
        )
    )
    return table


def test_a_table_draws_its_cells_where_and_as_reportlab_does():
    rows = [
        ["Teacher", "Note", "Minutes"],
        ["Ana Ruiz", "Two lines\nin one cell", "32"],
        [MIXED, Paragraph("A paragraph cell between plain ones", styles().body), "5"],
        ["陈老师", "centred", "120"],
    ]

    shared = _shown([_table(SharedTextTable, rows)])

    assert shared == _shown([_table(Table, rows)])
    assert len(shared) == 13  # every cell, a cell of two lines twice, the paragraph once
    assert "陈老师" in "".join(text for text, _, _ in _pieces([_table(SharedTextTable, rows)]))


def test_a_data_table_styles_every_cell_as_its_commands_say():
    rows = [["Sep 8", "Ana Ruiz", "32"], ["Sep 15", "Ben Okafor", "5"], ["Sep 22", "陈老师", "0"]]
    table = data_table(
        ["Week", "Teacher", "Minutes"], rows, [80, 200, 60], right=(2,), bold_first=True
    )
    by_commands = Table(table._cellvalues, style=table.opening_commands)

    for row, expected_row in zip(table._cellStyles, by_commands._cellStyles, strict=True):
        for style, expected in zip(row, expected_row, strict=True):
            names = ("fontname", "fontsize", "leading", "color", "alignment", "valign")
            names += ("leftPadding", "rightPadding", "topPadding", "bottomPadding")
            assert [getattr(style, n) for n in names] == [getattr(expected, n) for n in names]
    assert table._cellStyles[1][0].fontname == fonts()[1]  # the first column in bold
    assert table._cellStyles[2][2].alignment == "RIGHT"


def test_long_text_wraps_as_the_markup_parser_would_lay_it_out():
    body = styles().body
    text = f"{MIXED} went on to write a long note that wraps over several lines. " * 6
    ours = Text(text, body, label="Goal: ")
    parsed = Paragraph(
        f"<b>{in_fonts('Goal: ', fonts()[1])}</b>{in_fonts(ours.text, body.fontName)}", body
    )

    assert [vars(f) for f in ours._as_paragraph().frags] == [vars(f) for f in parsed.frags]
    assert _pieces([Text(text, body, label="Goal: ")]) == _pieces([parsed])


def test_text_with_spaces_the_parser_squeezes_still_prints_as_it_would():
    body = styles().body
    text = "Two\u2003em spaces\u2003\u2003here, and a long line after them. " * 8

    assert _pieces([Text(text, body)]) == _pieces([Paragraph(in_fonts(text, body.fontName), body)])


def test_one_line_text_prints_in_place_with_its_label_and_to_the_right():
    body = styles().body
    right = ParagraphStyle("right", parent=body, alignment=TA_RIGHT)

    pieces = _pieces([Text("32 min", body, label="Length: "), Text(MIXED, right)])

    texts = "".join(text for text, _, _ in pieces)
    assert "Length: 32 min" in texts and "陈老师" in texts
    label_x = next(x for text, x, _ in pieces if text.startswith("Length"))
    right_x = next(x for text, x, _ in pieces if text.startswith("Ana"))
    assert label_x < right_x  # the right-aligned line starts further in


def test_long_text_measured_again_at_another_width_breaks_its_lines_again():
    body = styles().body
    text = "A note long enough to wrap onto several lines at any of these widths. " * 5
    ours = Text(text, body)

    heights = [ours.wrap(width, 1000)[1] for width in (300, 200, 300, 200)]

    fresh = [
        Paragraph(in_fonts(ours.text, body.fontName), body).wrap(w, 1000)[1] for w in (300, 200)
    ]
    assert heights == fresh * 2
    assert fresh[1] > fresh[0]


def test_two_documents_drawn_in_turn_each_read_back_as_typed():
    regular, _ = fonts()
    outs = {"one": io.BytesIO(), "two": io.BytesIO()}
    canvases = {name: FallbackCanvas(out) for name, out in outs.items()}
    lines = {"one": 0, "two": 0}
    # Characters outside ASCII take their codes in the order a document first uses them, so
    # these two documents give the same words different codes.
    for name, word in (("one", "ñandú"), ("two", "Ærø"), ("two", "ñandú"), ("one", "Ærø")):
        canvas = canvases[name]
        canvas.setFont(regular, 12)
        canvas.drawString(72, 700 - 20 * lines[name], word)
        lines[name] += 1
    for canvas in canvases.values():
        canvas.save()

    texts = {
        name: PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text().split()
        for name, out in outs.items()
    }

    assert texts == {"one": ["ñandú", "Ærø"], "two": ["Ærø", "ñandú"]}
