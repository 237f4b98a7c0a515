"""Evidence note minutes are lesson minutes: the live clock's minute when the note was written,
pauses left out, never past the lesson's length; a note written after the lesson has none."""

import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import col, select

from app.models import Note, Observation
from app.models.base import as_utc
from app.reports import render_observation_report
from app.services.observations import (
    ObservationStart,
    SweepInput,
    add_observation_note,
    add_paper_observation,
    end_observation,
    list_observation_notes,
    pause_observation,
    resume_observation,
    start_observation,
)
from app.services.reports import observation_report_data
from app.services.teachers import TeacherForm, save_teacher
from tests.reports.conftest import read_pdf

TODAY = date(2026, 11, 25)
START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def lesson(store):
    """A live lesson with a 8-minute fire drill from minute 22; it ends at 42 lesson minutes."""
    teacher = save_teacher(store, TeacherForm(name="Ana Ruiz", school="Oak Elementary")).id
    obs = start_observation(store, ObservationStart(teacher, TODAY, lesson="Fractions"), START)

    def note(body: str, wall_minutes: float):
        at = START + timedelta(minutes=wall_minutes)
        return add_observation_note(store, obs, body, at, is_private=False).minute

    minutes = {"before the drill": note("Pairs share their number lines", 10.5)}
    pause_observation(store, obs, START + timedelta(minutes=22))
    minutes["during the drill"] = note("Class outside for the fire drill", 24)
    resume_observation(store, obs, START + timedelta(minutes=30))
    minutes["after the drill"] = note("Back inside; the timer restarted", 35.2)
    end_observation(store, obs, START + timedelta(minutes=50))
    minutes["at the bell"] = note("Exit ticket collected", 50)
    minutes["after the lesson"] = note("Talked with the teacher in the hallway", 65)
    return store, obs, minutes


def test_a_note_keeps_the_lesson_minute_with_the_pause_left_out(lesson):
    _, _, minutes = lesson
    assert minutes == {
        "before the drill": 10,
        "during the drill": 22,  # the clock stands still while paused
        "after the drill": 27,  # 35 wall-clock minutes less 8 paused
        "at the bell": 42,  # the lesson's whole length, no more
        "after the lesson": None,
    }


def test_listed_notes_keep_their_minutes_and_say_which_came_after(lesson):
    store, obs, _ = lesson
    notes = list_observation_notes(store, obs)
    assert [n.minute for n in notes] == [10, 22, 27, 42, None]
    assert [n.after_lesson for n in notes] == [False] * 4 + [True]


def test_the_observation_report_prints_minutes_inside_the_lesson(lesson):
    store, obs, _ = lesson
    out = io.BytesIO()
    render_observation_report(observation_report_data(store, obs, TODAY), out)
    text = read_pdf(out.getvalue())
    for minute in (10, 22, 27, 42):
        assert f"Minute {minute}" in text
    assert [int(m) for m in re.findall(r"Minute (\d+)", text.text)] == [10, 22, 27, 42]


def test_a_lesson_typed_in_from_paper_has_no_note_minutes(store):
    teacher = save_teacher(store, TeacherForm(name="Ana Ruiz", school="Oak Elementary")).id
    obs = add_paper_observation(
        store, ObservationStart(teacher, TODAY), [SweepInput(20, 25, "whole_group", "")], START
    )
    note = add_observation_note(store, obs, "Typed up from my clipboard", START)
    assert note.minute is None and not note.after_lesson


def test_the_demo_writes_its_notes_inside_their_lessons(demo_store):
    with demo_store.session() as session:
        rows = session.exec(
            select(Note, Observation).join(Observation, col(Note.observation_id) == Observation.id)
        ).all()
        lessons = [(note.lesson_minute, note.created_at, obs) for note, obs in rows]
    assert lessons
    for minute, written, obs in lessons:
        length = (as_utc(obs.ended_at) - as_utc(obs.started_at)).total_seconds() // 60
        assert minute is not None and 0 <= minute <= length
        assert as_utc(obs.started_at) <= as_utc(written) <= as_utc(obs.ended_at)

    shared = next(
        obs for _, _, obs in lessons if not list_observation_notes(demo_store, obs.id)[0].is_private
    )
    out = io.BytesIO()
    render_observation_report(observation_report_data(demo_store, shared.id, TODAY), out)
    printed = [int(m) for m in re.findall(r"Minute (\d+)", read_pdf(out.getvalue()).text)]
    length = (as_utc(shared.ended_at) - as_utc(shared.started_at)).total_seconds() // 60
    assert printed and all(0 <= m <= length for m in printed)
