"""A lesson still being recorded is left out of the trend in reports, and they say so."""

from datetime import date, datetime

import pytest

from app.reports import render_teacher_report
from app.services.cycles import CycleStart, start_cycle
from app.services.observations import (
    ObservationStart,
    SweepInput,
    add_paper_observation,
    record_interval,
    start_observation,
)
from app.services.reports import teacher_report_data
from app.services.teachers import TeacherForm, save_teacher

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def lessons(store):
    """One ended lesson from paper at 50%, and one still recording at 100% so far."""
    teacher = save_teacher(store, TeacherForm(name="Ana Díaz")).id
    cycle = start_cycle(store, CycleStart(teacher, date(2026, 11, 2), focus="Padlet"))
    ended = add_paper_observation(
        store,
        ObservationStart(teacher, date(2026, 11, 10), lesson="Fractions", cycle_id=cycle),
        [SweepInput(10, 20), SweepInput(10, 20)],
        NOW,
    )
    live = start_observation(
        store, ObservationStart(teacher, TODAY, lesson="Decimals", cycle_id=cycle), NOW
    )
    record_interval(store, live, 20, 20, now=NOW)
    return teacher, cycle, ended, live


def test_the_trend_leaves_out_a_lesson_still_recording(store, lessons):
    teacher, cycle, ended, live = lessons

    data = teacher_report_data(store, teacher, TODAY, cycle)

    assert [p.observation_id for p in data.cycle.trend] == [ended]
    assert [p.observation_id for p in data.trend] == [ended]
    assert {o.id: o.recording for o in data.cycle.observations} == {ended: False, live: True}


def test_the_teacher_report_says_a_lesson_is_still_recording(store, lessons, tmp_path, pdf_text):
    teacher, cycle, _ended, _live = lessons
    out = tmp_path / "teacher.pdf"

    render_teacher_report(teacher_report_data(store, teacher, TODAY, cycle), out, invariant=True)

    text = pdf_text(out)
    assert "Decimals Still recording" in text
    assert "Decimals 100%" not in text
    assert "it is left out of the trend until it ends" in text
