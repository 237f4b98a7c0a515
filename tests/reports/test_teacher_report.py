"""The teacher coaching report says what the principal needs, and never a private note."""

from datetime import date

import pytest
from sqlmodel import select

from app.models import Note
from app.reports import render_teacher_report
from app.reports.common import FOOTER_NOTE
from app.services.cycles import list_cycles
from app.services.errors import NotFound
from app.services.profile import get_profile, save_profile
from app.services.reports import teacher_report_data

TODAY = date(2026, 11, 25)


def completed_cycle(store):
    return next(c for c in list_cycles(store, TODAY) if c.status == "completed")


def test_report_shows_goal_sessions_trend_outcome_and_footer(demo_store, tmp_path, pdf_text):
    cycle = completed_cycle(demo_store)
    data = teacher_report_data(demo_store, cycle.teacher_id, TODAY, cycle.id)
    out = tmp_path / "teacher.pdf"
    pages = render_teacher_report(data, out)
    text = pdf_text(out)
    assert 1 <= pages <= 3
    assert "TEACHER COACHING REPORT" in text
    assert data.teacher_name in text
    assert data.cycle.goal in text
    for label in ("Goal-setting conference", "Model lesson", "Co-teaching session"):
        assert label in text
    assert "Reflective debrief" in text
    assert "Time-on-task during the cycle" in text
    assert "Outcome and next steps" in text
    assert "Baseline" in text and "Target" in text
    assert f"Page 1 of {pages}" in text
    assert text.text.count(FOOTER_NOTE) == pages
    assert "Prepared by Dana Whitfield" in text


def test_report_never_shows_a_private_note(demo_store, tmp_path, pdf_text):
    with demo_store.session() as session:
        notes = session.exec(select(Note).where(Note.cycle_id.is_not(None))).all()
    shared = {n.body for n in notes if not n.is_private}
    checked = 0
    for cycle in list_cycles(demo_store, TODAY):
        private = {n.body for n in notes if n.cycle_id == cycle.id and n.is_private} - shared
        if not private:
            continue
        data = teacher_report_data(demo_store, cycle.teacher_id, TODAY, cycle.id)
        out = tmp_path / "teacher.pdf"
        render_teacher_report(data, out)
        text = pdf_text(out)
        for body in private:
            assert body not in text
        for note in data.cycle.notes:
            assert note.body in text
        checked += 1
    assert checked >= 3


def test_private_note_left_out_and_shareable_one_kept(hostile, tmp_path, pdf_text):
    teacher = hostile.teacher_ids[hostile.hostile_name]
    out = tmp_path / "teacher.pdf"
    render_teacher_report(teacher_report_data(hostile.store, teacher, hostile.today), out)
    text = pdf_text(out)
    assert "PRIVATE-CYCLE" not in text
    assert "PRIVATE-OBS" not in text
    assert "SHARED-CYCLE" in text
    assert "SHARED-OBS" in text  # an observation note of the cycle, marked shareable


def test_current_cycle_is_the_active_one(demo_store):
    active = next(c for c in list_cycles(demo_store, TODAY) if c.status == "active")
    data = teacher_report_data(demo_store, active.teacher_id, TODAY)
    assert data.cycle.id == active.id


def test_a_cycle_of_another_teacher_is_refused(demo_store):
    cycles = list_cycles(demo_store, TODAY)
    other = next(c for c in cycles if c.teacher_id != cycles[0].teacher_id)
    with pytest.raises(NotFound, match="not one of this teacher's"):
        teacher_report_data(demo_store, cycles[0].teacher_id, TODAY, other.id)


def test_a4_paper_from_the_profile(demo_store, tmp_path):
    from pypdf import PdfReader

    profile = get_profile(demo_store)
    profile.paper_size = "a4"
    save_profile(demo_store, profile)
    cycle = completed_cycle(demo_store)
    out = tmp_path / "teacher.pdf"
    render_teacher_report(teacher_report_data(demo_store, cycle.teacher_id, TODAY), out)
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_letter_paper_by_default(demo_store, tmp_path):
    from pypdf import PdfReader

    cycle = completed_cycle(demo_store)
    out = tmp_path / "teacher.pdf"
    render_teacher_report(teacher_report_data(demo_store, cycle.teacher_id, TODAY), out)
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
