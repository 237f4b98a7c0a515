"""The observation report names its method, says how the lesson was actually swept (missed
marks, pauses, still recording), gives its times, time-on-task by activity format, the
cycle's baseline and target (or the previous lesson) on the chart, and the next steps."""

from datetime import UTC, date, datetime, timedelta

import pytest

from app.reports import render_observation_report
from app.services.cycles import (
    CycleStart,
    GoalInput,
    cycle_detail,
    save_goal,
    set_session_next_steps,
    start_cycle,
)
from app.services.observations import (
    ObservationStart,
    SweepInput,
    add_paper_observation,
    end_observation,
    link_session,
    pause_observation,
    record_interval,
    resume_observation,
    start_observation,
)
from app.services.reports import observation_report_data
from app.services.teachers import TeacherForm, save_teacher
from app.text import clock_time

TODAY = date(2026, 11, 25)
START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def teacher(store):
    return save_teacher(store, TeacherForm(name="Ana Díaz")).id


def report_text(store, observation_id, tmp_path, pdf_text):
    out = tmp_path / "observation.pdf"
    render_observation_report(
        observation_report_data(store, observation_id, TODAY), out, invariant=True
    )
    return pdf_text(out)


def swept_lesson(store, teacher):
    """Sweeps at minutes 0, 5 and 15 (the mark at 10 missed), a 6-minute pause, one more
    sweep, and the bell at minute 28 of lesson time."""
    obs = start_observation(store, ObservationStart(teacher, TODAY, lesson="Fractions"), START)

    def at(minutes):
        return START + timedelta(minutes=minutes)

    record_interval(store, obs, 20, 22, now=at(1))
    record_interval(store, obs, 18, 22, now=at(6))
    record_interval(store, obs, 21, 22, now=at(16))
    pause_observation(store, obs, at(17))
    resume_observation(store, obs, at(23))
    record_interval(store, obs, 22, 22, now=at(27))  # lesson minute 21
    end_observation(store, obs, at(34))
    return obs


def test_the_report_names_the_planned_activity_check(store, teacher, tmp_path, pdf_text):
    obs = add_paper_observation(
        store,
        ObservationStart(teacher, TODAY, lesson="Maps", interval_minutes=10),
        [SweepInput(10, 20), SweepInput(15, 20)],
        START,
    )

    text = report_text(store, obs, tmp_path, pdf_text)

    assert "A planned activity check: students on task counted every 10 minutes." in text
    assert "How it was sampled: 2 sweeps every 10 minutes." in text


def test_missed_marks_and_pauses_are_printed(store, teacher, tmp_path, pdf_text):
    obs = swept_lesson(store, teacher)

    text = report_text(store, obs, tmp_path, pdf_text)

    assert (
        "How it was sampled: 4 sweeps every 5 minutes, 2 marks missed (minutes 10 and 25), "
        "paused 6 min." in text
    )
    assert "10 — — missed" in text
    assert "25 — — missed" in text
    start, end = START.astimezone(), (START + timedelta(minutes=34)).astimezone()
    assert (
        f"When: Started {clock_time(start)}, ended {clock_time(end)} on Nov 25, 2026: "
        "28 min, not counting the 6 min paused." in text
    )


def test_a_lesson_still_recording_says_so_instead_of_whole_lesson(
    store, teacher, tmp_path, pdf_text
):
    obs = start_observation(store, ObservationStart(teacher, TODAY, lesson="Decimals"), START)
    record_interval(store, obs, 20, 20, now=START + timedelta(minutes=1))
    record_interval(store, obs, 10, 20, now=START + timedelta(minutes=11))
    pause_observation(store, obs, START + timedelta(minutes=12))

    text = report_text(store, obs, tmp_path, pdf_text)

    assert "whole lesson" not in text
    assert "Still recording: 2 sweeps so far." in text
    assert "On task so far" in text
    assert (
        "How it was sampled: Still recording: 2 sweeps so far, every 5 minutes, "
        "1 mark missed (minute 5), paused now." in text
    )
    assert "still recording." in text


def test_time_on_task_by_activity_format(store, teacher, tmp_path, pdf_text):
    obs = add_paper_observation(
        store,
        ObservationStart(teacher, TODAY, lesson="Stations"),
        [
            SweepInput(20, 20, "whole_group"),
            SweepInput(10, 20, "small_group"),
            SweepInput(16, 20, "small_group"),
            SweepInput(18, 20, "whole_group"),
        ],
        START,
    )

    text = report_text(store, obs, tmp_path, pdf_text)

    assert "Time-on-task by activity format" in text
    assert "Whole group 2 38 40 95%" in text
    assert "Small group 2 26 40 65%" in text
    assert "Independent" not in text and "Transition" not in text
    unformatted = add_paper_observation(
        store, ObservationStart(teacher, TODAY), [SweepInput(20, 20)], START
    )
    assert "by activity format" not in report_text(store, unformatted, tmp_path, pdf_text)


def test_the_chart_shows_the_cycles_baseline_and_target_and_the_next_steps(
    store, teacher, tmp_path, pdf_text
):
    cycle = start_cycle(store, CycleStart(teacher, date(2026, 11, 2), focus="Padlet"))
    save_goal(
        store,
        cycle,
        GoalInput(goal="More students on task", baseline_value=62, target_value=85),
    )
    visit = cycle_detail(store, cycle, TODAY).sessions[1]
    set_session_next_steps(store, visit.id, "Try the timer on the board during stations.")
    obs = add_paper_observation(
        store, ObservationStart(teacher, TODAY, lesson="Stations"), [SweepInput(15, 20)], START
    )
    link_session(store, obs, cycle, visit.id)

    text = report_text(store, obs, tmp_path, pdf_text)

    assert "Baseline 62%" in text and "Target 85%" in text
    assert "Dashed lines: the lesson's overall figure and the cycle's baseline and target." in text
    assert "Next steps Try the timer on the board during stations." in text


def test_without_a_cycle_the_chart_shows_the_previous_lesson(store, teacher, tmp_path, pdf_text):
    add_paper_observation(
        store,
        ObservationStart(teacher, date(2026, 11, 10), lesson="Before"),
        [SweepInput(14, 20)],
        START,
    )
    obs = add_paper_observation(
        store, ObservationStart(teacher, TODAY, lesson="Now"), [SweepInput(18, 20)], START
    )

    text = report_text(store, obs, tmp_path, pdf_text)

    assert "Last lesson 70%" in text
    assert "the teacher's previous observed lesson (Nov 10, 2026, 70%)." in text
    assert "No next steps written for this lesson yet." in text
