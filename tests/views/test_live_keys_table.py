"""The live recorder answers to every plain key its table lists (the table the shortcuts list
shows), and never types such a key into the count."""

import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from app.services.observations import ObservationStart, list_intervals, start_observation
from app.services.teachers import TeacherForm, save_teacher
from app.views.common.context import ScreenContext
from app.views.common.events import AppEvents
from app.views.observations.live import LiveRecorder
from app.views.observations.live_keys import LIVE_KEYS, SHORTCUT_ROWS

TODAY = date(2026, 11, 25)


@pytest.fixture
def teacher_id(store) -> uuid.UUID:
    return save_teacher(store, TeacherForm(name="Maria Alvarez", school="Lincoln")).id


@pytest.fixture
def live(qtbot, store, teacher_id, clock, recorder):
    obs = start_observation(
        store, ObservationStart(teacher_id, TODAY, students_present=20), clock.now()
    )
    widget = LiveRecorder(ScreenContext(store, AppEvents(), QUndoStack(), now=clock.now))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.open(obs)
    return widget


def test_every_live_key_is_listed_once_for_the_shortcuts_list():
    shown = [keys for where, keys, _ in SHORTCUT_ROWS]
    assert all(where == "Live recorder" for where, _, _ in SHORTCUT_ROWS)
    assert len(shown) == len(set(shown)) == len(LIVE_KEYS)
    assert {"0–9, then Enter", "W S I T", "Ctrl+Z", "Ctrl+E", "Esc"} <= set(shown)


@pytest.mark.parametrize(
    "key",
    [key for entry in LIVE_KEYS for key in entry.keys if key != Qt.Key.Key_P],
    ids=lambda key: key.name,
)
def test_a_listed_key_in_the_count_acts_and_is_not_typed(qtbot, live, key):
    live.count.setFocus()
    qtbot.keyClicks(live.count, "1")
    qtbot.keyClick(live.count, key)
    assert live.count.text() in ("", "0", "1", "2", "20")  # a count, never the key's letter


def test_the_listed_keys_do_what_the_list_says(qtbot, live, store):
    qtbot.keyClick(live.count, Qt.Key.Key_S)  # Activity format: small group
    assert live.format_buttons["small_group"].isChecked()
    qtbot.keyClick(live.count, Qt.Key.Key_Up)  # one more student present
    assert live.present.value() == 21
    qtbot.keyClick(live.count, Qt.Key.Key_A)  # all on task, saved
    (sweep,) = list_intervals(store, live.observation_id)
    assert (sweep.on_task, sweep.present, sweep.activity_format) == (21, 21, "small_group")
    qtbot.keyClick(live.count, Qt.Key.Key_P)  # pause
    assert live.state.paused
    qtbot.keyClick(live.count, Qt.Key.Key_N)  # a note on this sweep
    assert live.sweep_note.hasFocus()
    qtbot.keyClick(live.sweep_note, Qt.Key.Key_Escape)  # back to the count
    assert live.count.hasFocus()
