"""Survey statements: a statement removed by mistake comes back with Undo remove or Ctrl+Z."""

from PySide6.QtCore import Qt

from app.services.pilots import survey_items
from app.views.pilots.surveys_tab import ItemsDialog


def open_dialog(qtbot, store) -> ItemsDialog:
    dialog = ItemsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def choose(dialog: ItemsDialog, row: int) -> None:
    dialog.list.setCurrentIndex(dialog.model.index(row, 1))


def test_a_removed_statement_comes_back_where_it_was(qtbot, store):
    before = [item.text for item in survey_items(store)]
    dialog = open_dialog(qtbot, store)
    assert not dialog.undo_button.isEnabled()
    choose(dialog, 1)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert [item.text for item in survey_items(store)] == before[:1] + before[2:]
    assert before[1] in dialog.removed_message.text()
    assert dialog.model.rowCount() == len(before) - 1

    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert [item.text for item in survey_items(store)] == before
    assert dialog.model.rowCount() == len(before)
    assert not dialog.undo_button.isEnabled()
    assert dialog.removed_message.text() == f"Brought back “{before[1]}”."


def test_ctrl_z_in_the_dialog_brings_back_the_statement(qtbot, store):
    before = [item.text for item in survey_items(store)]
    dialog = open_dialog(qtbot, store)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    choose(dialog, 0)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert len(survey_items(store)) == len(before) - 1
    qtbot.keyClick(dialog.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [item.text for item in survey_items(store)] == before
