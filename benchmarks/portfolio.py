"""The large demo's end-of-year portfolio against a bare ReportLab document of as many pages.

Builds the large sample district in a temp folder, then times gathering the portfolio's data
and laying it out (tables, charts, photos, contents), and a plain SimpleDocTemplate of
paragraphs with the same page count. Prints the medians of a few runs, side by side, and the
ratio against the 2x target. Times are this process's CPU time (time.process_time), so other
work on a shared machine slows neither side; wall-clock times there swing by a third.
"""

import io
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from app.reports import render_portfolio
from app.services.calendar import school_year_of
from app.services.demo import build_demo
from app.services.reports import portfolio_data
from app.store import Store

TODAY = date(2026, 6, 10)  # near the end of a school year: a whole year to gather
RUNS = 5
TARGET_RATIO = 2.0
# One page of plain text: paragraphs of a few lines each, then a page break.
SENTENCE = "The class worked on their drafts while the coach swept the room every five minutes. "
PARAGRAPHS_PER_PAGE = 8


def bare_story(pages: int) -> list:
    style = getSampleStyleSheet()["Normal"]
    story = []
    for page in range(pages):
        story += [Paragraph(SENTENCE * 6, style) for _ in range(PARAGRAPHS_PER_PAGE)]
        if page < pages - 1:
            story.append(PageBreak())
    return story


def time_rounds(store: Store, year: str) -> tuple[dict[str, list[float]], int]:
    """Portfolio and bare document in turns, so a busy machine slows both alike."""
    times: dict[str, list[float]] = {"gather": [], "layout": [], "bare": []}
    pages = render_portfolio(portfolio_data(store, year, TODAY), io.BytesIO())  # warm-up
    for _ in range(RUNS):
        began = time.process_time()
        data = portfolio_data(store, year, TODAY)
        gathered = time.process_time()
        pages = render_portfolio(data, io.BytesIO())
        laid_out = time.process_time()
        story = bare_story(pages)  # made outside the timing, as the portfolio's data is
        bare_began = time.process_time()
        doc = SimpleDocTemplate(io.BytesIO())
        doc.build(story)
        ended = time.process_time()
        assert doc.page == pages, (doc.page, pages)
        times["gather"].append(gathered - began)
        times["layout"].append(laid_out - gathered)
        times["bare"].append(ended - bare_began)
    return times, pages


def main() -> int:
    year = school_year_of(TODAY)
    with (
        tempfile.TemporaryDirectory() as folder,
        Store.open(Path(folder) / "large.sqlite3", backup_on_open=False) as store,
    ):
        began = time.process_time()
        counts = build_demo(store, "large", today=TODAY)
        print(
            f"large demo: {counts['teachers']} teachers, {counts['cycles']} cycles, "
            f"{counts['observations']} observations, {counts['pilots']} pilots "
            f"(built in {time.process_time() - began:.1f} s)"
        )
        times, pages = time_rounds(store, year)
    gather, layout = statistics.median(times["gather"]), statistics.median(times["layout"])
    bare = statistics.median(times["bare"])
    total = gather + layout
    print(f"portfolio {year}: {pages} pages (CPU time, medians of {RUNS} interleaved runs)")
    print(f"  gathering the data         {gather * 1000:7.0f} ms")
    print(f"  laying out the PDF         {layout * 1000:7.0f} ms")
    print(f"  the portfolio in all       {total * 1000:7.0f} ms")
    print(f"bare ReportLab, {pages} pages  {bare * 1000:7.0f} ms")
    print(f"layout against bare: {layout / bare:.2f}x")
    ratio = total / bare
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    print(f"portfolio against bare: {ratio:.2f}x ({verdict} the {TARGET_RATIO:.0f}x target)")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
