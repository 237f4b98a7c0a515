"""One live sweep per mark and per number: replacing, undoing, renumbering, two writers."""

import threading
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from app.services.errors import Refused, ValidationError
from app.services.observations import (
    MarkAlreadySwept,
    ObservationStart,
    SweepEdit,
    SweepInput,
    add_paper_observation,
    correct_sweeps,
    delete_interval,
    end_observation,
    list_intervals,
    list_observations,
    record_interval,
    restore_interval,
    start_observation,
    swap_sweeps,
    time_on_task_trend,
)
from app.services.teachers import TeacherForm, save_teacher

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 25)


@pytest.fixture
def teacher_id(store) -> uuid.UUID:
    return save_teacher(store, TeacherForm(name="Ana Ruiz", school="Oak Elementary")).id


@pytest.fixture
def obs(store, teacher_id) -> uuid.UUID:
    plan = ObservationStart(teacher_id, TODAY, students_present=24)
    return start_observation(store, plan, START)


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def counts(store, obs_id):
    return [(s.index, s.minute, s.on_task) for s in list_intervals(store, obs_id)]


def test_a_second_sweep_at_a_swept_mark_is_refused_and_saves_nothing(store, obs):
    first = record_interval(store, obs, 20, 24, now=at(5.5)).sweep
    with pytest.raises(MarkAlreadySwept) as refused:
        record_interval(store, obs, 22, 24, now=at(8))
    assert isinstance(refused.value, Refused)
    assert refused.value.sweep.id == first.id and refused.value.mark == 5
    assert "The 5-min mark already has a sweep (20 of 24 on task)" in str(refused.value)
    assert counts(store, obs) == [(0, 5, 20)]
    record_interval(store, obs, 21, 24, now=at(10))  # the next mark is free
    assert counts(store, obs) == [(0, 5, 20), (1, 10, 21)]


def test_replacing_a_sweep_keeps_one_per_mark_and_can_be_undone(store, obs):
    record_interval(store, obs, 20, 24, now=at(0))
    old = record_interval(store, obs, 9, 24, now=at(5)).sweep
    new = record_interval(store, obs, 19, 24, now=at(6), replace=old.id).sweep
    assert (new.index, new.minute) == (1, 6)
    assert counts(store, obs) == [(0, 0, 20), (1, 6, 19)]
    swap_sweeps(store, new.id, old.id, at(7))  # undo
    assert counts(store, obs) == [(0, 0, 20), (1, 5, 9)]
    swap_sweeps(store, old.id, new.id, at(7))  # redo
    assert counts(store, obs) == [(0, 0, 20), (1, 6, 19)]


def test_replace_names_the_sweep_it_replaces(store, obs):
    record_interval(store, obs, 20, 24, now=at(0))
    with pytest.raises(MarkAlreadySwept):
        record_interval(store, obs, 21, 24, now=at(1), replace=uuid.uuid4())
    assert counts(store, obs) == [(0, 0, 20)]


def test_a_restored_sweep_never_shares_a_number(store, obs):
    first = record_interval(store, obs, 20, 24, now=at(0)).sweep
    second = record_interval(store, obs, 21, 24, now=at(5)).sweep
    delete_interval(store, second.id, at(6))
    delete_interval(store, first.id, at(6))
    record_interval(store, obs, 18, 24, now=at(10))  # takes number 0
    restore_interval(store, first.id)
    restore_interval(store, second.id)
    assert counts(store, obs) == [(0, 0, 20), (1, 5, 21), (2, 10, 18)]


def test_the_sweep_table_can_reorder_sweeps(store, obs):
    first = record_interval(store, obs, 20, 24, now=at(0)).sweep
    second = record_interval(store, obs, 21, 24, now=at(5)).sweep
    end_observation(store, obs, at(9))
    rows = correct_sweeps(
        store,
        obs,
        [
            SweepEdit(first.id, 7, 20, 24),
            SweepEdit(second.id, 2, 21, 24),
            SweepEdit(None, 1, 3, 24),
        ],
        at(30),
    )
    assert [(r.index, r.minute, r.on_task) for r in rows] == [(0, 1, 3), (1, 2, 21), (2, 7, 20)]


def test_two_recorders_at_once_never_give_two_sweeps_one_number(store, obs):
    """Each writer reads the last number and inserts in one write transaction."""
    writers = 6
    barrier = threading.Barrier(writers)
    failures = []

    def record(k: int) -> None:
        barrier.wait()
        try:
            record_interval(store, obs, 10 + k, 24, now=at(5 * k))
        except Exception as exc:
            failures.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=record, args=(k,)) for k in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    sweeps = list_intervals(store, obs)
    assert sorted(s.index for s in sweeps) == list(range(writers))
    assert sorted(s.minute for s in sweeps) == [5 * k for k in range(writers)]


def test_a_paper_observation_from_the_future_is_refused(store, teacher_id):
    plan = ObservationStart(teacher_id, TODAY + timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        add_paper_observation(store, plan, [SweepInput(20, 24)], START)
    assert error.value.errors["observed_on"].startswith(
        "An observation from paper can't be in the future"
    )
    assert list_observations(store) == []


def test_paper_sweeps_keep_the_minutes_typed(store, teacher_id):
    plan = ObservationStart(teacher_id, TODAY, interval_minutes=5)
    obs_id = add_paper_observation(
        store, plan, [SweepInput(20, 24, minute=12), SweepInput(18, 24, minute=3)], START
    )
    assert counts(store, obs_id) == [(0, 3, 18), (1, 12, 20)]


def test_a_lesson_still_recording_is_left_out_of_the_trend(store, teacher_id, obs):
    record_interval(store, obs, 12, 24, now=at(0))
    paper = add_paper_observation(
        store, ObservationStart(teacher_id, date(2026, 11, 2)), [SweepInput(18, 24)], START
    )
    assert [p.observation_id for p in time_on_task_trend(store, teacher_id)] == [paper]
    end_observation(store, obs, at(40))
    assert [p.observation_id for p in time_on_task_trend(store, teacher_id)] == [paper, obs]
