"""Type on paper is big enough to read: body 9 pt, tables and chart labels 8.5, footers 7.5."""

import io
import math
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from app.reports.catalogue import BY_KEY, DOCUMENTS
from app.reports.styles import BODY_MIN_SIZE, FOOTER_SIZE, TABLE_MIN_SIZE, styles
from tests.reports.test_catalogue import subjects

TODAY = date(2026, 11, 25)
# The page header and footer sit within this many points of the page's top or bottom edge.
FURNITURE_BAND = 60
TABLE_STYLES = {"cell", "cell_bold", "cell_right", "head_right"}


def printed_sizes(data: bytes) -> list[tuple[float, bool, str]]:
    """(size in points as printed, in the header or footer?, text) for each run of text."""
    runs = []
    for page in PdfReader(io.BytesIO(data)).pages:
        height = float(page.mediabox.height)

        def visit(text, cm, tm, font, size, height=height):
            if not text.strip():
                return
            scale = math.hypot(tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3])
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            furniture = y < FURNITURE_BAND or y > height - FURNITURE_BAND
            runs.append((round(size * scale, 2), furniture, text.strip()))

        page.extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("key", [d.key for d in DOCUMENTS if d.is_pdf])
def test_no_type_is_smaller_than_its_minimum(key, paper, demo_store, tmp_path):
    document = BY_KEY[key]
    data = document.gather(demo_store, subjects(demo_store)[key], TODAY)
    out = tmp_path / f"{key}.pdf"
    data = replace(data, byline=replace(data.byline, paper_size=paper))
    document.write(data, out)
    runs = printed_sizes(out.read_bytes())
    assert runs
    too_small = [run for run in runs if run[0] < TABLE_MIN_SIZE and not run[1]]
    assert not too_small, too_small[:5]
    assert min(size for size, _, _ in runs) >= FOOTER_SIZE
    assert not [run for run in runs if run[0] == 6.5]


def test_body_styles_are_at_least_9_pt_and_table_styles_at_least_8_5():
    for name, style in vars(styles()).items():
        minimum = TABLE_MIN_SIZE if name in TABLE_STYLES else BODY_MIN_SIZE
        assert style.fontSize >= minimum, name
    assert TABLE_MIN_SIZE >= 8.5 and BODY_MIN_SIZE >= 9 and FOOTER_SIZE >= 7.5
