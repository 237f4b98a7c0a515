"""The live recorder by keyboard, as the README tells it: typed counts, Enter handled once,
one sweep per mark; through qtbot on the real main window and a real notebook file."""

import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.services.observations import (
    ObservationStart,
    list_intervals,
    list_observations,
    start_observation,
)
from app.services.teachers import TeacherForm, save_teacher
from app.views.observations.start_dialog import ObservationDialog
from app.views.shell.main_window import MainWindow

TODAY = date(2026, 11, 25)


@pytest.fixture
def teacher_id(store) -> uuid.UUID:
    save_teacher(store, TeacherForm(name="David Chen", school="Roosevelt Middle"))
    return save_teacher(store, TeacherForm(name="Maria Alvarez", school="Lincoln Elementary")).id


@pytest.fixture
def main(qtbot, store, teacher_id, clock, recorder):
    win = MainWindow(store, today=clock.today, now=clock.now)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def focus_of(window) -> object:
    """Where a key goes now: the open dialog's focused field, else the window's."""
    top = QApplication.activeModalWidget() or window
    return top.focusWidget() or top


def type_keys(qtbot, window, keys: str) -> None:
    """Type as a coach does, each key to whatever has the focus; \\t is Tab, \\n Enter."""
    for key in keys:
        target = focus_of(window)
        if key == "\t":
            qtbot.keyClick(target, Qt.Key.Key_Tab)
        elif key == "\n":
            qtbot.keyClick(target, Qt.Key.Key_Return)
        else:
            qtbot.keyClicks(target, key)


def recording(main, store, teacher_id, clock, present=None):
    obs = start_observation(
        store, ObservationStart(teacher_id, TODAY, students_present=present), clock.now()
    )
    main.show_screen("observations")
    main.observations.resume(obs)
    return obs, main.observations.recorder


def test_the_readme_cold_start_keys_record_a_sweep(qtbot, main, store, teacher_id):
    """ "Ctrl+4, Ctrl+N, the first letters of the teacher's name, Tab, students present,
    Enter; then the count and Enter"."""
    typed = []

    def fill_the_form() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ObservationDialog):
            QTimer.singleShot(10, fill_the_form)  # the dialog is not up yet
            return
        dialog.activateWindow()  # as the window manager does with a new dialog
        qtbot.waitUntil(dialog.isActiveWindow)
        assert dialog.teacher.currentData() != teacher_id  # David Chen comes first
        type_keys(qtbot, main, "mari\t24\n")
        typed.append(dialog.result())

    qtbot.keyClick(focus_of(main), Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert main.current_screen() == "observations"
    QTimer.singleShot(0, fill_the_form)
    qtbot.keyClick(focus_of(main), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert typed == [ObservationDialog.DialogCode.Accepted]
    type_keys(qtbot, main, "20\n")

    (row,) = list_observations(store)
    assert row.teacher_id == teacher_id and row.in_progress
    assert [(s.minute, s.on_task, s.present) for s in list_intervals(store, row.id)] == [
        (0, 20, 24)
    ]
    live = main.observations.recorder
    assert live.entry_message.text().startswith("Saved the 0-min sweep: 20 of 24 on task")


def test_with_no_count_of_students_the_first_enter_asks_for_it(
    qtbot, main, store, teacher_id, clock
):
    obs, live = recording(main, store, teacher_id, clock)
    assert live.present.text() == "–"  # not a silent 0
    type_keys(qtbot, main, "20\n")
    assert list_intervals(store, obs) == []
    assert live.entry_message.text().startswith("How many students are in the room?")
    assert focus_of(main) is live.present
    assert live.count.text() == "20"  # kept for when the count of students is in
    type_keys(qtbot, main, "24\n")  # typed digits reach the present field
    assert [(s.on_task, s.present) for s in list_intervals(store, obs)] == [(20, 24)]
    assert live.present.value() == 24


def test_students_present_takes_typed_digits(qtbot, main, store, teacher_id, clock):
    obs, live = recording(main, store, teacher_id, clock, present=24)
    live.present.setFocus()
    live.present.selectAll()
    type_keys(qtbot, main, "22")
    assert live.present.value() == 22 and live.count.text() == ""
    type_keys(qtbot, main, "\n")  # no count yet: on to the count
    assert focus_of(main) is live.count
    type_keys(qtbot, main, "19\n")
    assert [(s.on_task, s.present) for s in list_intervals(store, obs)] == [(19, 22)]


def test_a_sweep_saved_with_enter_says_saved_and_nothing_in_red(
    qtbot, main, store, teacher_id, clock
):
    obs, live = recording(main, store, teacher_id, clock, present=24)
    type_keys(qtbot, main, "20\n")
    assert live.entry_message.text().startswith("Saved the 0-min sweep: 20 of 24 on task")
    assert live.entry_message.property("role") != "error"
    clock.advance(minutes=5)
    live.tick()
    assert "Sweep the room now (5 min)" in live.prompt.text()
    assert live.entry_message.text() == ""
    type_keys(qtbot, main, "21n")
    qtbot.keyClicks(live.sweep_note, "Stations")
    type_keys(qtbot, main, "\n")  # Enter in the note saves the sweep typed, once
    assert live.entry_message.text().startswith("Saved the 5-min sweep: 21 of 24 on task")
    assert live.entry_message.property("role") != "error"
    assert [s.note for s in list_intervals(store, obs)] == ["", "Stations"]
    type_keys(qtbot, main, "e")
    qtbot.keyClicks(live.evidence, "Timer on the board")
    type_keys(qtbot, main, "\n")
    assert live.entry_message.property("role") != "error"  # no word about a count
    assert live.notes_model.rowCount() == 1 and len(list_intervals(store, obs)) == 2


def test_a_second_sweep_at_a_mark_asks_before_replacing_it(
    qtbot, main, store, teacher_id, clock, recorder
):
    obs, live = recording(main, store, teacher_id, clock, present=24)
    type_keys(qtbot, main, "9\n")
    clock.advance(minutes=2)
    recorder.confirm_answer = False
    type_keys(qtbot, main, "19\n")
    assert recorder.confirms == ["Replace the 0-min sweep?"]
    assert [s.on_task for s in list_intervals(store, obs)] == [9]
    assert live.entry_message.text().startswith("Kept the 0-min sweep (9 of 24)")
    recorder.confirm_answer = True
    type_keys(qtbot, main, "19\n")
    assert [(s.minute, s.on_task) for s in list_intervals(store, obs)] == [(2, 19)]
    assert live.entry_message.text().startswith("Replaced the 0-min sweep: 19 of 24")
    assert [live.sweeps_model.index(r, 1).data() for r in range(live.sweeps_model.rowCount())] == [
        "19 of 24"
    ]
    qtbot.keyClick(focus_of(main), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [(s.minute, s.on_task) for s in list_intervals(store, obs)] == [(0, 9)]
    assert live.sweeps_model.index(0, 1).data() == "9 of 24"


def test_the_percent_column_fits_100_percent(qtbot, main, store, teacher_id, clock):
    _obs, live = recording(main, store, teacher_id, clock, present=24)
    type_keys(qtbot, main, "a")  # all 24 on task: 100%
    table, model = live.sweeps_table, live.sweeps_model
    assert [model.index(0, c).data() for c in range(3)] == ["0", "24 of 24", "100%"]
    style, metrics = table.style(), table.fontMetrics()
    margins = 2 * (style.pixelMetric(style.PixelMetric.PM_FocusFrameHMargin) + 1)
    for column, text in ((1, "24 of 24"), (2, "100%")):
        shown = table.visualRect(model.index(0, column)).width()
        assert shown >= metrics.horizontalAdvance(text) + margins, text


def test_going_on_recording_keeps_the_last_count_of_students(qtbot, main, store, teacher_id, clock):
    obs, live = recording(main, store, teacher_id, clock, present=24)
    qtbot.keyClick(live.count, Qt.Key.Key_Down)  # a student leaves
    type_keys(qtbot, main, "20\n")
    live.leave_button.click()
    main.observations.resume(obs)
    assert live.present.value() == 23
