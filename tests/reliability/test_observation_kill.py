"""Killing the app mid-lesson loses no sweep it showed as saved, and the lesson can resume."""

import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.services.observations import live_state, observation_summary, unfinished_observation
from app.store import Store

PROJECT = Path(__file__).resolve().parents[2]
KILL_AFTER = 7
STARTED = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.slow

# The recorder: one sweep every 5 lesson minutes on a fake clock, as fast as it can commit,
# announcing each sweep only after `record_interval` has returned.
RECORDER = """
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, {project!r})
from app.services.observations import ObservationStart, record_interval, start_observation
from app.services.teachers import TeacherForm, save_teacher
from app.store import Store

started = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
store = Store.open(Path({db!r}))
teacher = save_teacher(store, TeacherForm(name="Ana Ruiz", school="Oak Elementary")).id
plan = ObservationStart(teacher, date(2026, 11, 25), students_present=25)
observation = start_observation(store, plan, started)
print("started", observation, flush=True)
for mark in range(10_000):
    now = started + timedelta(minutes=5 * mark, seconds=10)
    sweep = record_interval(store, observation, mark % 26, 25 + mark % 2, now=now).sweep
    print("saved", sweep.index, sweep.on_task, sweep.present, flush=True)
"""


def test_killed_recorder_keeps_every_sweep_it_showed_as_saved(tmp_path):
    db = tmp_path / "notebook.sqlite3"
    script = RECORDER.format(project=str(PROJECT), db=str(db))
    process = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=os.environ | {"PYTHONIOENCODING": "utf-8"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    observation_id = None
    shown = []
    deadline = time.monotonic() + 30
    try:
        while len(shown) < KILL_AFTER and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            word, *values = line.split()
            if word == "started":
                observation_id = uuid.UUID(values[0])
            elif word == "saved":
                shown.append(tuple(int(v) for v in values))
    finally:
        process.kill()  # SIGKILL on POSIX: no clean-up, no flush, as when the power goes
        _, stderr = process.communicate(timeout=30)
    assert len(shown) == KILL_AFTER, f"the recorder stopped early: {stderr}"
    assert process.returncode != 0, "the recorder finished before it could be killed"

    with Store.open(db, backup_on_open=False) as store:
        assert store.integrity_problems() == []
        assert unfinished_observation(store) == observation_id
        summary = observation_summary(store, observation_id)
        resumed_at = STARTED + timedelta(minutes=5 * len(summary.sweeps) + 2)
        state = live_state(store, observation_id, resumed_at)

    saved = [(s.index, s.on_task, s.present) for s in summary.sweeps]
    assert saved[: len(shown)] == shown
    assert [s.minute for s in summary.sweeps] == [5 * s.index for s in summary.sweeps]
    assert state.sweeps_recorded == len(saved) >= KILL_AFTER
    assert state.missed_marks == []
    assert not state.ended and not state.paused
