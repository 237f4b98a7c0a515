"""Recording a sweep hands back the lesson's clock from the same transaction (issue 13)."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from app.services.observations import (
    ObservationStart,
    delete_interval,
    live_state,
    pause_observation,
    record_interval,
    resume_observation,
    start_observation,
)
from app.services.teachers import TeacherForm, save_teacher

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


@pytest.fixture
def obs(store) -> uuid.UUID:
    teacher = save_teacher(store, TeacherForm(name="Ana Ruiz", school="Oak Elementary")).id
    plan = ObservationStart(teacher, date(2026, 11, 25), students_present=24)
    return start_observation(store, plan, START)


def test_the_state_after_a_sweep_is_the_one_the_clock_reads_at_that_moment(store, obs):
    record_interval(store, obs, 20, 24, now=at(0.5))

    saved = record_interval(store, obs, 21, 24, now=at(11.25))  # the 5-min mark went by

    assert saved.state == live_state(store, obs, at(11.25))
    assert saved.state.sweeps_recorded == 2
    assert saved.state.missed_marks == [5]
    assert not saved.state.sweep_due  # the 10-min mark has its sweep now
    assert (saved.state.elapsed_seconds, saved.state.seconds_to_next_mark) == (675, 225)
    assert saved.sweep.minute == 11


def test_a_replaced_sweep_is_counted_once_in_the_state(store, obs):
    first = record_interval(store, obs, 9, 24, now=at(5)).sweep

    saved = record_interval(store, obs, 19, 24, now=at(6), replace=first.id)

    assert saved.state.sweeps_recorded == 1
    assert saved.state == live_state(store, obs, at(6))


def test_the_state_leaves_out_a_pause_and_a_deleted_sweep(store, obs):
    wrong = record_interval(store, obs, 3, 24, now=at(0)).sweep
    delete_interval(store, wrong.id, at(1))
    pause_observation(store, obs, at(2))
    resume_observation(store, obs, at(12))  # ten minutes of fire drill

    saved = record_interval(store, obs, 22, 24, now=at(13))

    assert saved.state.elapsed_seconds == 3 * 60
    assert saved.state.sweeps_recorded == 1
    assert saved.state.next_mark_minute == 5
    assert saved.state == live_state(store, obs, at(13))
