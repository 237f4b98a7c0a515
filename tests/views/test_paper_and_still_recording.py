"""From paper… saves nothing until the sweeps are saved; a lesson still recording says so
and stays out of the teacher's trend. Through the real Observations screen and a real file."""

import uuid
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from app.services.observations import (
    ObservationStart,
    end_observation,
    list_intervals,
    list_observations,
    record_interval,
    start_observation,
)
from app.services.teachers import TeacherForm, save_teacher
from app.views.observations.start_dialog import ObservationDialog
from app.views.observations.sweep_editor import ON_TASK, PRESENT, SweepEditorDialog
from app.views.observations.table_model import PCT
from app.views.shell.main_window import MainWindow

TODAY = date(2026, 11, 25)


@pytest.fixture
def teacher_id(store) -> uuid.UUID:
    return save_teacher(store, TeacherForm(name="Maria Alvarez", school="Lincoln Elementary")).id


@pytest.fixture
def main(qtbot, store, teacher_id, clock, recorder):
    win = MainWindow(store, today=clock.today, now=clock.now)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.show_screen("observations")
    return win


def paper_details(day=TODAY, present=22):
    """Stands in for the details dialog's exec(): fill it in, press the button."""
    shown = []

    def run(dialog: ObservationDialog):
        dialog.day.setDate(day)
        dialog.lesson.setText("Read-aloud")
        dialog.present.setValue(present)
        dialog.ok_button.click()
        shown.append(dialog)
        return dialog.result()

    return run, shown


def test_cancelling_the_sweeps_of_a_paper_form_leaves_no_record(qtbot, main, store, monkeypatch):
    details, _ = paper_details()
    first_rows = []

    def cancel(dialog: SweepEditorDialog):
        model = dialog.model
        first_rows.append((model.index(0, ON_TASK).data(), model.index(0, PRESENT).data()))
        return 0

    monkeypatch.setattr(ObservationDialog, "exec", details)
    monkeypatch.setattr(SweepEditorDialog, "exec", cancel)
    main.observations.type_in_paper()
    assert first_rows == [(0, 22)]  # the students present typed on the form
    assert list_observations(store) == []


def test_a_paper_form_is_saved_with_its_sweeps(qtbot, main, store, monkeypatch):
    details, _ = paper_details()

    def save(dialog: SweepEditorDialog):
        dialog.model.setData(dialog.model.index(0, ON_TASK), "18")
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(ObservationDialog, "exec", details)
    monkeypatch.setattr(SweepEditorDialog, "exec", save)
    main.observations.type_in_paper()
    (row,) = list_observations(store)
    assert (row.lesson, row.in_progress) == ("Read-aloud", False)
    assert [(s.minute, s.on_task, s.present) for s in list_intervals(store, row.id)] == [
        (0, 18, 22)
    ]
    assert main.observations.view.summary.observation_id == row.id


def test_a_paper_form_from_the_future_is_refused(qtbot, main, store, monkeypatch):
    details, shown = paper_details(day=TODAY + timedelta(days=1))
    opened = []
    monkeypatch.setattr(ObservationDialog, "exec", details)
    monkeypatch.setattr(SweepEditorDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    main.observations.type_in_paper()
    (dialog,) = shown
    assert (
        dialog.messages["observed_on"]
        .text()
        .startswith("An observation from paper can't be in the future")
    )
    assert dialog.result() != ObservationDialog.DialogCode.Accepted
    assert opened == [] and list_observations(store) == []


def test_a_lesson_still_recording_says_so_and_stays_out_of_the_trend(
    qtbot, main, store, teacher_id, clock
):
    ended = start_observation(store, ObservationStart(teacher_id, date(2026, 11, 2)), clock.now())
    record_interval(store, ended, 12, 20, now=clock.now())
    end_observation(store, ended, clock.now())
    running = start_observation(store, ObservationStart(teacher_id, TODAY), clock.now())
    record_interval(store, running, 19, 20, now=clock.now())

    screen = main.observations
    screen.reload()
    cell = screen.model.index(screen.model.row_of(running), PCT)
    assert cell.data() == "recording"
    assert "95% so far" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "left out of the trend" in cell.data(Qt.ItemDataRole.ToolTipRole)

    main.show_screen("teachers")
    main.teachers.open_teacher(teacher_id)
    assert main.teachers.detail.trend.toolTip() == "Nov 2: 60%"
    qtbot.waitUntil(lambda: "still recording" in main.teachers.detail.trend_text.text())
    assert "1 still recording, left out of the trend." in main.teachers.detail.trend_text.text()


def test_a_minus_sign_in_a_sweep_count_is_refused_in_words(qtbot, main, monkeypatch):
    seen = {}

    def details(dialog):
        dialog.lesson.setText("Read-aloud")
        dialog._on_ok()
        return dialog.result()

    def sweeps(dialog: SweepEditorDialog):
        model = dialog.model
        model.setData(model.index(0, PRESENT), "22")
        model.setData(model.index(0, ON_TASK), "18")
        accepted = model.setData(model.index(0, ON_TASK), "-20")
        seen.update(
            accepted=accepted,
            message=dialog.message.text(),
            shown=model.index(0, ON_TASK).data(),
            tip=model.index(0, ON_TASK).data(Qt.ItemDataRole.ToolTipRole),
        )
        return 0

    monkeypatch.setattr(ObservationDialog, "exec", details)
    monkeypatch.setattr(SweepEditorDialog, "exec", sweeps)
    main.show_screen("observations")
    main.observations.type_in_paper()
    assert seen["accepted"] is False
    assert seen["message"] == "On task can't be below zero: type 20, not -20."
    assert seen["tip"] == seen["message"]
    assert seen["shown"] == 18
