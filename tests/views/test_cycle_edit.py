"""A started cycle's focus, period and room can be edited; a new cycle starts in the
teacher's room."""

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel

from app.services.cycles import (
    CycleEdit,
    CycleStart,
    SessionDone,
    complete_session,
    cycle_detail,
    edit_cycle,
    start_cycle,
)
from app.services.errors import ValidationError
from app.services.teachers import TeacherForm, list_teachers, save_teacher
from app.views.common.context import ScreenContext
from app.views.cycles.edit_dialog import EditCycleDialog
from app.views.cycles.screen import CyclesScreen
from app.views.cycles.start_dialog import StartCycleDialog

TODAY = date(2026, 11, 25)


@pytest.fixture
def started(store):
    teacher = save_teacher(store, TeacherForm(name="Maria Alvarez", room="204"))
    cycle_id = start_cycle(
        store,
        CycleStart(teacher.id, date(2026, 11, 16), focus="Nearpod labs", period="P3", room="204"),
    )
    first = cycle_detail(store, cycle_id, TODAY).sessions[0]
    complete_session(store, first.id, SessionDone(done_on=date(2026, 11, 16)))
    return cycle_id


def where(store, cycle_id) -> list[tuple[str, str]]:
    return [(s.period, s.room) for s in cycle_detail(store, cycle_id, TODAY).sessions]


def test_edit_changes_focus_and_only_the_sessions_not_done(store, started):
    moved = edit_cycle(store, started, CycleEdit(focus="Pear Deck checks", period="P5", room="112"))
    assert moved == 3
    detail = cycle_detail(store, started, TODAY)
    assert detail.row.focus == "Pear Deck checks"
    assert where(store, started) == [("P3", "204"), ("P5", "112"), ("P5", "112"), ("P5", "112")]
    assert (detail.period, detail.room) == ("P5", "112")


def test_a_focus_too_long_is_refused_and_nothing_changes(store, started):
    with pytest.raises(ValidationError) as refused:
        edit_cycle(store, started, CycleEdit(focus="x" * 201, period="P5", room="112"))
    assert "under 200 characters" in refused.value.errors["focus"]
    assert where(store, started)[1] == ("P3", "204")


@pytest.fixture
def screen(qtbot, store, started, recorder):
    widget = CyclesScreen(ScreenContext(store, today=lambda: TODAY))
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.open_cycle(started)
    return widget


def test_edit_button_opens_the_form_filled_and_saves(screen, monkeypatch, store, started):
    seen = {}

    def fill(dialog):
        seen["loaded"] = (dialog.focus.text(), dialog.period.text(), dialog.room.text())
        dialog.focus.setText("Pear Deck checks")
        dialog.room.setText("Lab 2")
        dialog._on_save()
        return dialog.result()

    monkeypatch.setattr(EditCycleDialog, "exec", fill)
    assert screen.view.edit_button.isVisible()
    screen.view.edit_button.click()
    assert seen["loaded"] == ("Nearpod labs", "P3", "204")
    assert where(store, started)[1:] == [("P3", "Lab 2")] * 3
    assert screen.view.subtitle.text().startswith("Pear Deck checks")
    shown = [label.text() for label in screen.view.session_widgets[1].findChildren(QLabel)]
    assert any("P3, Lab 2" in text for text in shown)


def test_edit_form_says_which_sessions_change(qtbot, store, started):
    dialog = EditCycleDialog(store, cycle_detail(store, started, TODAY))
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("the 3 sessions not done yet" in t and "The 1 done keep" in t for t in texts)


def test_starting_a_cycle_fills_in_the_teachers_room(qtbot, store):
    save_teacher(store, TeacherForm(name="Ben Ortiz", room="Lab 2"))
    save_teacher(store, TeacherForm(name="Ana Silva", room="110"))
    teachers = list_teachers(store)
    ben = next(t for t in teachers if t.name == "Ben Ortiz")
    dialog = StartCycleDialog(store, teachers, TODAY, teacher_id=ben.id)
    qtbot.addWidget(dialog)
    assert dialog.room.text() == "Lab 2"
    dialog.teacher.setCurrentIndex(dialog.teacher.findText("Ana Silva"))
    assert dialog.room.text() == "110"


def test_a_room_the_coach_typed_stays_when_the_teacher_changes(qtbot, store):
    save_teacher(store, TeacherForm(name="Ben Ortiz", room="Lab 2"))
    save_teacher(store, TeacherForm(name="Ana Silva", room="110"))
    dialog = StartCycleDialog(store, list_teachers(store), TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.room.clear()
    qtbot.keyClicks(dialog.room, "Library")
    dialog.teacher.setCurrentIndex(dialog.teacher.findText("Ben Ortiz"))
    assert dialog.room.text() == "Library"
