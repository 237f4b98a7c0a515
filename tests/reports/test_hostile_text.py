"""Hostile names and notes are just text in every PDF: markup, scripts, emoji, length, nothing."""

import pytest

from app.reports import (
    render_observation_report,
    render_pilot_report,
    render_portfolio,
    render_teacher_report,
)
from app.reports.common import FOOTER_NOTE
from app.services.reports import (
    observation_report_data,
    pilot_report_data,
    portfolio_data,
    teacher_report_data,
)
from app.services.teachers import TeacherForm, save_teacher

YEAR = "2026-2027"


def test_markup_in_names_and_notes_prints_exactly_as_typed(hostile, tmp_path, pdf_text):
    teacher = hostile.teacher_ids[hostile.hostile_name]
    out = tmp_path / "teacher.pdf"
    render_teacher_report(teacher_report_data(hostile.store, teacher, hostile.today), out)
    text = pdf_text(out)
    assert "<b>Bold</b> & Co" in text
    assert "Students <b>will</b> explain & defend their reasoning" in text
    assert "<script>alert(1)</script> & Padlet" in text
    assert "SHARED-CYCLE: <b>not bold</b> & fine" in text
    assert "Oak & <Elm>" in text
    assert "Coach <i>&amp;</i> Trần" in text


def test_a_20000_character_note_flows_over_pages_whole(hostile, tmp_path, pdf_text):
    teacher = hostile.teacher_ids[hostile.hostile_name]
    out = tmp_path / "teacher.pdf"
    pages = render_teacher_report(teacher_report_data(hostile.store, teacher, hostile.today), out)
    text = pdf_text(out)
    assert len(hostile.long_note) >= 20_000
    assert pages >= 4
    assert len(text.pages) == pages
    start = text.text.index("LONG-NOTE-START")
    end = text.text.index("LONG-NOTE-END")
    # Every sentence is there, though a page break (footer, header) may fall inside one.
    assert text.text[start:end].count("drafts.") == 476


def test_vietnamese_prints_and_chinese_and_emoji_do_not_break_any_export(
    hostile, tmp_path, pdf_text
):
    store, today = hostile.store, hostile.today
    for name in (hostile.vietnamese, hostile.chinese, hostile.emoji):
        out = tmp_path / "teacher.pdf"
        render_teacher_report(teacher_report_data(store, hostile.teacher_ids[name], today), out)
        assert out.stat().st_size > 1000
    text = pdf_text(tmp_path / "teacher.pdf")
    assert "Ms. Sunshine" in text  # the emoji themselves print as empty boxes

    out = tmp_path / "vietnamese.pdf"
    render_teacher_report(
        teacher_report_data(store, hostile.teacher_ids[hostile.vietnamese], today), out
    )
    assert hostile.vietnamese in pdf_text(out)

    out = tmp_path / "pilot.pdf"
    render_pilot_report(pilot_report_data(store, hostile.pilot_id, today), out)
    text = pdf_text(out)
    assert "Kahoot! <Pro> & Co" in text
    assert hostile.vietnamese in text
    assert "Login loop" not in text  # the log is summed up, not listed
    assert "Retrieval practice & <feedback>" in text


def test_observation_with_hostile_sweeps_and_photo_exports(hostile, tmp_path, pdf_text):
    out = tmp_path / "observation.pdf"
    data = observation_report_data(hostile.store, hostile.observation_id, hostile.today)
    render_observation_report(data, out)
    text = pdf_text(out)
    assert "Fractions <sup>1/2</sup>" in text
    assert "All <b>on</b> task & quiet" in text
    assert "nobody present" in text
    assert "Anchor chart & <b>notes</b>" in text
    # The 1,200-character sweep note is shortened in its cell and printed whole below.
    assert "Note at minute 10, in full" in text
    assert "x" * 1200 in text.text.replace(" ", "")
    assert "LONG-NOTE-END" in text


def test_portfolio_of_hostile_notebook_exports(hostile, tmp_path, pdf_text):
    out = tmp_path / "portfolio.pdf"
    render_portfolio(portfolio_data(hostile.store, YEAR, hostile.today), out)
    text = pdf_text(out)
    assert "<b>Bold</b> & Co: <script>alert(1)</script> & Padlet" in text
    assert "Kahoot! <Pro> & Co" in text
    assert "LONG-NOTE-END" in text


def test_an_empty_notebook_exports_every_document_with_sentences(store, tmp_path, pdf_text):
    from datetime import date

    today = date(2026, 11, 25)
    out = tmp_path / "portfolio.pdf"
    pages = render_portfolio(portfolio_data(store, YEAR, today), out)
    text = pdf_text(out)
    assert pages == len(text.pages)
    assert "No coaching cycles began this school year." in text
    assert "No edtech pilots ran this school year." in text
    assert "No PD sessions or informal contacts were logged this year." in text
    assert "No photos are attached." in text
    assert FOOTER_NOTE in text

    teacher = save_teacher(store, TeacherForm(name="New Teacher")).id
    out = tmp_path / "teacher.pdf"
    render_teacher_report(teacher_report_data(store, teacher, today), out)
    text = pdf_text(out)
    assert "There is no coaching cycle with New Teacher yet in this notebook." in text
    assert "No observation with a time-on-task figure falls in this period yet." in text


@pytest.mark.parametrize("text", ["\x00\x07 bell", "tab\there", "line\r\nbreak", "\u202eRTL"])
def test_control_characters_in_a_name_do_not_break_the_layout(store, tmp_path, pdf_text, text):
    from datetime import date

    teacher = save_teacher(store, TeacherForm(name=f"Name {text}")).id
    out = tmp_path / "teacher.pdf"
    render_teacher_report(teacher_report_data(store, teacher, date(2026, 11, 25)), out)
    assert "Name" in pdf_text(out)
