"""Layout rules every document keeps, read back from the PDF page by page: a table never leaves
one row alone on a page and repeats its header, a heading starts on the page its table starts
on, a chart's caption stays with the chart, and a block repeats its heading, "… (continued)",
on each page it runs onto."""

import itertools
import re
from dataclasses import replace
from typing import ClassVar

import pytest
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import white
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from app.reports import flowables
from app.reports.catalogue import BY_KEY
from app.reports.document import DocumentSetup, frame_height, frame_width
from app.reports.flowables import data_table, heading
from app.reports.keeping import CONTINUED, KeptTable, continued_block
from app.reports.styles import styles
from app.reports.text import para, text_block
from app.reports.writing import write_pdf
from tests.reports.test_catalogue import TODAY, subjects

PAPERS = ["letter", "a4"]
HEADER = ["Row", "Topic", "Minutes"]
# One line of table text: 11 pt of leading and 3 pt of padding above and below.
ROW_HEIGHT = 17


def write(story, tmp_path, paper: str, read) -> list[str]:
    out = tmp_path / f"layout-{paper}.pdf"
    write_pdf(story, out, DocumentSetup("Layout", "Coach", paper, TODAY))
    return [" ".join(page.split()) for page in read(out).pages]


def pages_of(pages: list[str], marker: str) -> list[int]:
    return [n for n, page in enumerate(pages) if marker in page]


def rows(table: int, count: int, first_lines: int = 1) -> list[list[str]]:
    """Body rows, each marked "T<table>R<row>" so a page says which rows it holds."""
    body = [[f"T{table}R{n}.", f"Topic {n}", str(n)] for n in range(1, count + 1)]
    if first_lines > 1:
        body[0][1] = " ".join(["A long topic that wraps onto another line."] * first_lines)
    return body


def rows_per_page(pages: list[str], table: int) -> dict[int, int]:
    held = {}
    for n, page in enumerate(pages):
        count = len(re.findall(rf"\bT{table}R\d+\.", page))
        if count:
            held[n] = count
    return held


def lone_row_tables(paper: str) -> list:
    """Tables that start ever lower on a page, and tables whose last row just overflows one."""
    width, room = frame_width(paper), frame_height(paper)
    widths = [width * 0.2, width * 0.6, width * 0.2]
    story, count = [], itertools.count()
    for left in range(20, 80, 3):  # room left under the spacer: a header and 0 to 3 rows
        table = next(count)
        story += [Spacer(1, room - left), data_table(HEADER, rows(table, 12), widths)]
        story += [para(f"After table {table}."), PageBreak()]
    fitting = int(room // ROW_HEIGHT) - 1  # body rows under the header on an empty page
    for extra in range(-2, 3):
        table = next(count)
        story += [data_table(HEADER, rows(table, fitting + extra), widths)]
        story += [para(f"After table {table}."), PageBreak()]
    return story, next(count)


@pytest.mark.parametrize("paper", PAPERS)
def test_a_table_never_leaves_one_row_alone_and_repeats_its_header(paper, tmp_path, pdf_text):
    story, tables = lone_row_tables(paper)
    pages = write(story, tmp_path, paper, pdf_text)
    for table in range(tables):
        held = rows_per_page(pages, table)
        assert sum(held.values()) >= 10, f"table {table} is missing rows: {held}"
        if len(held) > 1:
            lone = {page: n for page, n in held.items() if n < 2}
            assert not lone, f"table {table} leaves a row alone on page {lone}: {held}"
        for page in held:
            assert " ".join(HEADER) in pages[page], f"no header on page {page} of table {table}"


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("with_intro", [False, True])
def test_a_heading_starts_on_the_page_its_table_starts_on(paper, with_intro, tmp_path, pdf_text):
    width, room = frame_width(paper), frame_height(paper)
    widths = [width * 0.2, width * 0.6, width * 0.2]
    story, tables = [], range(24)
    for table in tables:
        story += [Spacer(1, room - 40 - 5 * table), heading(f"Heading {table}.", styles().h2)]
        if with_intro:
            story.append(para(f"What table {table} shows, in a sentence.", styles().small))
        story += [data_table(HEADER, rows(table, 8, first_lines=4), widths), PageBreak()]
    pages = write(story, tmp_path, paper, pdf_text)
    for table in tables:
        assert pages_of(pages, f"Heading {table}.") == pages_of(pages, f"T{table}R1."), table
        held = rows_per_page(pages, table)
        assert all(n >= 2 for n in held.values()) or len(held) == 1, (table, held)


def marked_chart(number: int, width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=white))
    drawing.add(String(10, height / 2, f"Chart {number}."))
    return drawing


@pytest.mark.parametrize("paper", PAPERS)
def test_a_chart_keeps_its_caption_on_its_page(paper, tmp_path, pdf_text):
    width, room = frame_width(paper), frame_height(paper)
    story, charts_made = [], range(16)
    for number in charts_made:
        story += [Spacer(1, room - 150 - 3 * number), marked_chart(number, width, 145)]
        caption = f"Caption {number}: what each bar of the chart counts, said in one line."
        story += [para(caption, styles().small), PageBreak()]
        # And under a heading: the heading, the chart and its caption, together.
        story += [Spacer(1, room - 170 - 3 * number), heading(f"Heading {number}.", styles().h2)]
        story += [marked_chart(100 + number, width, 145)]
        story += [para(f"Caption {100 + number}: the same.", styles().small), PageBreak()]
        # And a heading over a chart already kept with its caption.
        story += [Spacer(1, room - 170 - 3 * number), heading(f"Heading {200 + number}.")]
        kept = [marked_chart(200 + number, width, 145), para(f"Caption {200 + number}.")]
        story += [KeepTogether(kept), PageBreak()]
    pages = write(story, tmp_path, paper, pdf_text)
    for number in charts_made:
        assert pages_of(pages, f"Chart {number}.") == pages_of(pages, f"Caption {number}:")
        chart = pages_of(pages, f"Chart {100 + number}.")
        assert (
            chart
            == pages_of(pages, f"Caption {100 + number}:")
            == pages_of(pages, f"Heading {number}.")
        )
        chart = pages_of(pages, f"Chart {200 + number}.")
        assert chart == pages_of(pages, f"Heading {200 + number}.")


@pytest.mark.parametrize("paper", PAPERS)
def test_a_block_repeats_its_heading_on_each_page_it_continues_onto(paper, tmp_path, pdf_text):
    s = styles()
    width = frame_width(paper)
    lines = "\n".join(f"Line {n} of the first block's notes." for n in range(1, 121))
    widths = [width * 0.2, width * 0.6, width * 0.2]
    story = continued_block(
        heading("Cycle: Reading with Ms. Rivera", s.h1),
        "Cycle: Reading with Ms. Rivera",
        [*text_block(lines), data_table(HEADER, rows(1, 60), widths)],
    )
    story += [heading("Cycle: Short one", s.h1), para("Fits on the page it starts on.")]
    story += [PageBreak(), para("The page after both blocks.")]
    pages = write(story, tmp_path, paper, pdf_text)
    first = pages_of(pages, "Line 1 of")[0]
    last = rows_per_page(pages, 1)
    end = max(last)
    assert end > first + 1, "the block should run over at least three pages"
    for n in range(first + 1, end + 1):
        assert pages[n].find(f"Cycle: Reading with Ms. Rivera{CONTINUED}") != -1, n
        assert pages[n].find(CONTINUED) < pages[n].find("Line ") or "Line " not in pages[n]
    assert CONTINUED not in pages[first]
    assert all(CONTINUED not in page for page in pages[end + 1 :])
    assert "Short one (continued)" not in " ".join(pages)


@pytest.mark.parametrize("paper", PAPERS)
def test_nested_blocks_repeat_the_innermost_heading_then_the_outer_one_again(
    paper, tmp_path, pdf_text
):
    s = styles()
    inner_lines = "\n".join(f"Inner line {n}." for n in range(1, 80))
    outer_lines = "\n".join(f"Outer line {n}." for n in range(1, 80))
    inner = continued_block(heading("Inner", s.h2), "Inner", text_block(inner_lines))
    story = continued_block(heading("Outer", s.h1), "Outer", [*inner, *text_block(outer_lines)])
    pages = write(story, tmp_path, paper, pdf_text)
    last_inner = pages_of(pages, "Inner line 79.")[0]
    first_outer = pages_of(pages, "Outer line 1.")[0]
    assert "Inner (continued)" in pages[last_inner]
    after = pages_of(pages, "Outer line 79.")[0]
    assert after > first_outer, "the outer block should run onto a page of its own"
    assert "Outer (continued)" in pages[after] and "Inner (continued)" not in pages[after]


class _MarkedTable(KeptTable):
    """A data table that also writes an invisible mark on each body row's line, carried
    through its page breaks, so a test reads back which rows each page holds."""

    numbers = itertools.count()
    headers: ClassVar[dict[int, list[str]]] = {}

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        if not kwargs.get("normalizedData"):  # a new table, not a piece of a split one
            number = next(self.numbers)
            self.headers[number] = [cell for cell in data[0] if isinstance(cell, str)]
            self.row_marks = [f"ROWMARK-{number}-{n}" for n in range(1, len(data))]

    def _splitRows(self, available_height, doInRowSplit=0):
        pieces = super()._splitRows(available_height, doInRowSplit)
        marks = getattr(self, "row_marks", [])
        if len(pieces) == 2:
            first = len(pieces[0]._cellvalues) - 1
            pieces[0].row_marks, pieces[1].row_marks = marks[:first], marks[first:]
        return pieces

    def draw(self):
        super().draw()
        canvas = self.canv
        text = canvas.beginText()
        text.setTextRenderMode(3)  # invisible
        text.setFont("Helvetica", 2)
        for n, mark in enumerate(getattr(self, "row_marks", []), start=1):
            text.setTextOrigin(1, self._rowpositions[n + 1] + 1)
            text.textOut(f" {mark} ")
        canvas.drawText(text)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("key", ["teacher", "observation", "pilot", "portfolio"])
def test_the_demo_documents_leave_no_table_row_alone(
    key, paper, demo_store, tmp_path, pdf_text, monkeypatch
):
    monkeypatch.setattr(flowables, "KeptTable", _MarkedTable)
    _MarkedTable.headers.clear()
    document = BY_KEY[key]
    data = document.gather(demo_store, subjects(demo_store)[key], TODAY)
    data = replace(data, byline=replace(data.byline, paper_size=paper))
    out = tmp_path / f"{key}-{paper}.pdf"
    document.write(data, out)
    pages = [" ".join(page.split()) for page in pdf_text(out).pages]
    assert _MarkedTable.headers, "the document should have tables"
    for number, header in _MarkedTable.headers.items():
        held = {}
        for page, text in enumerate(pages):
            count = len(re.findall(rf"ROWMARK-{number}-\d+ ", text + " "))
            if count:
                held[page] = count
        if len(held) > 1:
            assert all(n >= 2 for n in held.values()), (number, header, held)
            for page in held:
                assert all(cell in pages[page] for cell in header), (number, header, page)


@pytest.mark.parametrize(
    "text",
    [
        "Short.",
        "Model the read-aloud, then let students record their own. " * 6,
        "https://example.org/a-rather-long-address " * 5,
        "陈老师的课堂 " * 30,
        "x" * 380,
    ],
)
def test_the_quick_bound_of_a_table_start_is_never_below_its_height(text):
    """The document skips laying out a table's first rows twice when a quick bound says they
    fit; the bound must never be less than the real height, or a heading could be left alone."""
    width = frame_width("letter")
    for widths in ([width * 0.2, width * 0.6, width * 0.2], [width * 0.1, width * 0.15, 50]):
        table = data_table(HEADER, [[text, text, "1"], ["b", text, "2"], ["c", "d", "3"]], widths)
        exact = table.opening_height(width, 600)
        assert table.opening_at_most() >= exact > 3 * ROW_HEIGHT - 1
