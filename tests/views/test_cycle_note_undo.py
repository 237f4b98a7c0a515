"""A cycle note deletes at once with Ctrl+Z to bring it back, like every other delete."""

from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from app.services.cycles import CycleStart, add_note, cycle_detail, start_cycle
from app.services.teachers import TeacherForm, save_teacher
from app.views.common.context import ScreenContext
from app.views.common.events import AppEvents, Changes
from app.views.cycles.screen import CyclesScreen

TODAY = date(2026, 11, 25)


@pytest.fixture
def screen(qtbot, store, recorder):
    teacher = save_teacher(store, TeacherForm(name="Maria Alvarez"))
    cycle_id = start_cycle(store, CycleStart(teacher.id, date(2026, 11, 16), focus="Labs"))
    add_note(store, "Agreed on the goal\nand the measure", cycle_id=cycle_id)
    events = AppEvents()
    stack = QUndoStack()
    widget = CyclesScreen(ScreenContext(store, events, stack, lambda: TODAY))
    # What the main window's Edit menu holds.
    widget.undo_action = stack.createUndoAction(widget)
    widget.redo_action = stack.createRedoAction(widget)
    widget.messages = []
    widget.changes = []
    events.sig_status_message.connect(widget.messages.append)
    events.sig_data_changed.connect(widget.changes.append)
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.open_cycle(cycle_id)
    widget.cycle_id = cycle_id
    return widget


def notes(store, cycle_id) -> list[str]:
    return [n.body for n in cycle_detail(store, cycle_id, TODAY).notes]


def test_delete_note_needs_no_confirm_and_ctrl_z_brings_it_back(qtbot, screen, store, recorder):
    view = screen.view
    view.notes_table.setCurrentIndex(view.notes_model.index(0, 0))
    view.delete_note_button.click()
    assert recorder.confirms == []
    assert notes(store, screen.cycle_id) == []
    assert view.notes_model.rowCount() == 0
    assert screen.messages[-1] == "Deleted the note. Ctrl+Z undoes it."
    screen.undo_action.trigger()  # Edit ▸ Undo (Ctrl+Z)
    assert notes(store, screen.cycle_id) == ["Agreed on the goal\nand the measure"]
    assert view.notes_model.rowCount() == 1
    assert screen.messages[-1] == "Undid: delete the note “Agreed on the goal”."
    assert screen.changes[-1] == Changes(frozenset({"cycles"}), screen)
    screen.redo_action.trigger()
    assert notes(store, screen.cycle_id) == []
