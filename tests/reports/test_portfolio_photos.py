"""The portfolio prints only the photos the coach ticked "Include in the portfolio" for."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from app.reports import render_portfolio
from app.services.evidence import attach_evidence, list_evidence, set_in_portfolio
from app.services.reports import portfolio_data
from tests.images import png_bytes

TODAY = date(2026, 11, 25)
YEAR = "2026-2027"
# A size no demo picture has, so the PDF's image of this photo can be told apart.
WIDTH, HEIGHT = 47, 31
CAPTION = "Group work at the back table"


def images_of_size(pdf: bytes, width: int, height: int) -> int:
    """How many times an image XObject of that pixel size is drawn, over every page."""

    def count(resources) -> int:
        found = 0
        xobjects = resources.get("/XObject") if resources else None
        for ref in (xobjects or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                found += (xobject["/Width"], xobject["/Height"]) == (width, height)
            elif xobject.get("/Subtype") == "/Form":
                found += count(xobject.get("/Resources"))
        return found

    return sum(count(page.get("/Resources")) for page in PdfReader(io.BytesIO(pdf)).pages)


def _portfolio_pdf(store) -> bytes:
    out = io.BytesIO()
    render_portfolio(portfolio_data(store, YEAR, TODAY), out)
    return out.getvalue()


@pytest.fixture
def new_photo(demo_store):
    """A photo on a lesson of the year whose charts are already in the portfolio."""
    (chart,) = [r for r in list_evidence(demo_store) if r.filename.startswith("chart")]
    return attach_evidence(
        demo_store,
        data=png_bytes(WIDTH, HEIGHT, (0x2B, 0x6C, 0xB0)),
        filename="back-table.png",
        caption=CAPTION,
        observation_id=chart.observation_id,
    )


def test_an_unticked_photo_is_not_in_the_portfolio(demo_store, new_photo, pdf_text):
    pdf = _portfolio_pdf(demo_store)
    assert images_of_size(pdf, WIDTH, HEIGHT) == 0
    assert CAPTION not in pdf_text(pdf)


def test_a_ticked_photo_is_in_the_portfolio_once(demo_store, new_photo, pdf_text):
    set_in_portfolio(demo_store, new_photo, True)
    pdf = _portfolio_pdf(demo_store)
    assert images_of_size(pdf, WIDTH, HEIGHT) == 1
    assert CAPTION in pdf_text(pdf)


def test_the_demo_whiteboard_photo_waits_for_its_tick(demo_store, pdf_text):
    (board,) = [r for r in list_evidence(demo_store) if r.filename.startswith("whiteboard")]
    assert board.caption not in pdf_text(_portfolio_pdf(demo_store))
    set_in_portfolio(demo_store, board.id, True)
    assert board.caption in pdf_text(_portfolio_pdf(demo_store))
