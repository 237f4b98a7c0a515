"""The end-of-year portfolio: cover, contents that point at the right pages, every section."""

import re
from datetime import date

import pytest
from sqlmodel import select

from app.models import Note
from app.reports import ExportCancelled, render_portfolio
from app.services.reports import portfolio_data

TODAY = date(2026, 11, 25)
YEAR = "2026-2027"


@pytest.fixture
def portfolio(demo_store, tmp_path, pdf_text):
    data = portfolio_data(demo_store, YEAR, TODAY)
    out = tmp_path / "portfolio.pdf"
    pages = render_portfolio(data, out)
    return data, pages, pdf_text(out)


def test_cover_names_the_coach_district_and_year(portfolio):
    data, _, text = portfolio
    cover = " ".join(text.pages[0].split())
    assert "END-OF-YEAR PORTFOLIO" in cover
    assert "School year 2026-2027" in cover
    assert data.byline.coach in cover and data.byline.coach == "Dana Whitfield"
    assert data.byline.district in cover
    assert "Page 1 of" in cover
    assert "Prepared" in cover


def test_contents_give_the_page_each_section_starts_on(portfolio):
    data, pages, text = portfolio
    contents = " ".join(text.pages[1].split())
    assert contents.startswith("End-of-year portfolio") or "Contents" in contents
    sections = ["The year at a glance", "Coaching cycles", "Edtech pilots", "Activity log"]
    sections.append("Evidence photos")
    sections += [f"{c.teacher_name}: {c.focus}" for c in data.cycles]
    sections += [p.tool for p in data.pilots]
    for section in sections:
        found = re.search(re.escape(section) + r" (\d+)\b", contents)
        assert found, section
        page = int(found.group(1))
        assert 3 <= page <= pages
        body = " ".join(text.pages[page - 1].split())
        assert section in body, (section, page)


def test_year_at_a_glance_counts(portfolio):
    data, _, text = portfolio
    glance = data.glance
    assert glance.cycles == 12
    assert glance.cycles_by_status["Completed"] == 5
    assert glance.cycles_by_status["Abandoned"] == 2
    assert glance.observations == 30
    assert glance.pilots == 4
    assert glance.pd_sessions == 11
    assert "12 cycles: 2 planned, 3 active, 5 completed, 2 abandoned." in text
    assert f"{glance.pd_sessions} PD sessions ({glance.pd_hours:.1f} hours" in text
    assert "Time-on-task changed by" in text
    for line in glance.pilot_outcomes:
        assert line in text


def test_every_cycle_pilot_and_activity_is_in_it(portfolio):
    data, _, text = portfolio
    for cycle in data.cycles:
        assert cycle.goal in text
    for pilot in data.pilots:
        assert pilot.cost_text in text
    for activity in data.activities:
        assert activity.topic in text
    assert len(data.photos) == 3  # the demo's whiteboard photo is not ticked for the portfolio
    for photo in data.photos:
        assert photo.caption in text


def test_portfolio_never_shows_a_private_note(demo_store, portfolio):
    _, _, text = portfolio
    with demo_store.session() as session:
        notes = session.exec(select(Note).where(Note.deleted_at.is_(None))).all()
    shared = {n.body for n in notes if not n.is_private}
    private = {n.body for n in notes if n.is_private} - shared
    assert len(private) >= 5
    leaked = [body for body in private if body in text]
    assert leaked == []
    assert any(body in text for body in shared)


def test_progress_rises_to_the_total(demo_store, tmp_path):
    calls = []
    data = portfolio_data(demo_store, YEAR, TODAY)
    render_portfolio(data, tmp_path / "p.pdf", progress=lambda *call: calls.append(call))
    assert len(calls) > 20
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    assert calls[-1][0] == calls[-1][1]


def test_cancel_stops_the_build_and_keeps_the_earlier_file(demo_store, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "portfolio.pdf"
    out.write_bytes(b"%PDF- last year's portfolio")
    data = portfolio_data(demo_store, YEAR, TODAY)
    checks = 0

    def cancel():
        nonlocal checks
        checks += 1
        if checks > 50:
            raise ExportCancelled()

    with pytest.raises(ExportCancelled):
        render_portfolio(data, out, cancel=cancel)
    assert out.read_bytes() == b"%PDF- last year's portfolio"
    assert [p.name for p in folder.iterdir()] == ["portfolio.pdf"]


def test_building_the_data_can_be_cancelled(demo_store):
    def cancel():
        raise ExportCancelled()

    with pytest.raises(ExportCancelled):
        portfolio_data(demo_store, YEAR, TODAY, cancel=cancel)


def test_a_year_with_nothing_in_it_still_exports(demo_store, tmp_path, pdf_text):
    data = portfolio_data(demo_store, "2019-2020", TODAY)
    out = tmp_path / "portfolio.pdf"
    render_portfolio(data, out)
    text = pdf_text(out)
    assert "School year 2019-2020" in text
    assert "No coaching cycles began this school year." in text
    assert "no average change to report" in text
