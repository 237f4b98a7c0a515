"""The portfolio's pages: none left nearly empty by a section that spilled over, and a page
that carries on a cycle or a pilot starts with its heading, "… (continued)"."""

import io
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

import pytest
from pypdf import PdfReader

from app.reports import render_portfolio
from app.reports.document import MARGIN_BOTTOM, MARGIN_TOP
from app.services.profile import get_profile, save_profile
from app.services.reports import portfolio_data

YEAR = "2026-2027"
TODAY = date(2026, 11, 25)
PARTS = ("The year at a glance", "Coaching cycles", "Edtech pilots", "Tool inventory")
PARTS += ("Activity log",)
PARTS += ("Evidence photos",)


@dataclass
class Page:
    number: int
    lines: list[str]  # the body's text runs, top to bottom (no running header or footer)
    fill: float  # how far down the frame the lowest text reaches, 0 to 1

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.lines).split())


def body_pages(pdf: bytes) -> list[Page]:
    """Each page's body text with where it sits, read back with pypdf."""
    pages = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        top = float(page.mediabox.height) - MARGIN_TOP
        runs: list[tuple[float, str]] = []

        def visit(text, cm, tm, font, size, runs=runs, top=top):
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and MARGIN_BOTTOM - 2 <= y <= top + 2:
                runs.append((y, text.strip()))

        page.extract_text(visitor_text=visit)
        runs.sort(key=lambda run: -run[0])
        fill = (top - runs[-1][0]) / (top - MARGIN_BOTTOM) if runs else 0.0
        pages.append(Page(number, [text for _, text in runs], fill))
    return pages


def build(store, paper: str, today) -> tuple[object, list[Page]]:
    profile = get_profile(store)
    profile.paper_size = paper
    save_profile(store, profile)
    data = portfolio_data(store, YEAR, today)
    out = io.BytesIO()
    render_portfolio(data, out)
    pages = body_pages(out.getvalue())
    first = next(p.number for p in pages if p.text.startswith(PARTS[0]))
    return data, pages[first - 1 :]  # the cover and contents are drawn from forms


def starts_a_part(page: Page) -> bool:
    return any(page.text.startswith(part) for part in PARTS)


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_no_page_is_under_a_quarter_full_but_the_last_of_a_part(demo_store, paper):
    _, pages = build(demo_store, paper, TODAY)
    nearly_empty = [
        page.number
        for page, after in pairwise(pages)
        if page.fill < 0.25 and not starts_a_part(after)
    ]
    assert nearly_empty == []


def sections_run_on(pages: list[Page], titles: list[str], part: str, next_part: str) -> int:
    """How many pages of a part carry on a section; asserts each begins with the running
    section's heading, continued (a page that begins a section begins with its title)."""
    start = next(n for n, p in enumerate(pages) if p.text.startswith(part))
    end = next(n for n, p in enumerate(pages) if p.text.startswith(next_part))
    running = None
    continued = 0
    for n, page in enumerate(pages[start:end]):
        begins = [t for t in titles if page.text.startswith(t)]
        if n and not any(not page.text.startswith(f"{t} (continued)") for t in begins):
            assert running is not None, page.number
            assert page.text.startswith(f"{running} (continued)"), (page.number, page.text[:99])
            continued += 1
        running = next((line for line in reversed(page.lines) if line in titles), running)
    return continued


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_page_that_carries_on_a_cycle_or_pilot_repeats_its_heading(demo_store, paper):
    data, pages = build(demo_store, paper, TODAY)
    cycle_titles = [c.title_after(c.teacher_name) for c in data.cycles]
    assert sections_run_on(pages, cycle_titles, "Coaching cycles", "Edtech pilots") >= 3
    pilot_titles = [p.tool for p in data.pilots]
    assert sections_run_on(pages, pilot_titles, "Edtech pilots", "Tool inventory") >= 1


def test_a_long_note_never_stands_alone_on_a_page(hostile):
    """The hostile notebook's cycle carries a note several pages long: every page of it
    names the teacher and the cycle at the top."""
    data, pages = build(hostile.store, "letter", hostile.today)
    (cycle,) = data.cycles
    title = cycle.title_after(cycle.teacher_name)
    assert sections_run_on(pages, [title], "Coaching cycles", "Edtech pilots") >= 3
    note_pages = [p for p in pages if "The class worked quietly" in p.text]
    assert len(note_pages) >= 3
    assert all(p.text.startswith(f"{title} (continued)") for p in note_pages[1:])
