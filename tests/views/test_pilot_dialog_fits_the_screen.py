"""The New pilot dialog fits a 1024x600 screen with every validation message showing, and the
pilots list shows tool names whole at 1024 pixels wide."""

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QStyleOptionViewItem

from app.services.pilots import PilotForm, create_pilot
from app.services.teachers import TeacherForm, list_teachers, save_teacher
from app.views.pilots.pilot_dialog import PilotDialog
from app.views.pilots.table_model import TOOL
from app.views.shell.main_window import MainWindow

TODAY = date(2026, 11, 25)


def inside(widget, window) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


def test_the_new_pilot_dialog_keeps_its_buttons_in_view_with_every_message(qtbot, store):
    for n in range(12):
        save_teacher(store, TeacherForm(name=f"Teacher {n}", school="Oak Elementary"))
    dialog = PilotDialog(store, list_teachers(store), TODAY, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.width(), 540)  # what a 1024x600 screen leaves under the title bar
    dialog.weeks.lineEdit().setText("-4")
    dialog.weeks.interpretText()
    dialog.cost.setText("-")
    dialog.licences.setText("-3")

    dialog._on_save()
    qtbot.wait(10)

    shown = [m for m in dialog.messages.values() if m.isVisibleTo(dialog)]
    assert len(shown) == 4  # tool, length, cost and licences
    assert dialog.height() <= 540  # it used to grow to 632 px, hiding its buttons
    assert dialog.maximumHeight() < dialog.screen().availableGeometry().height()
    assert dialog.save_button.isVisible() and inside(dialog.save_button, dialog)
    assert inside(dialog.buttons, dialog)


@pytest.fixture
def long_names(store):
    teacher = save_teacher(store, TeacherForm(name="Maria Alvarez")).id
    names = ["Google Classroom Add-ons", "Kahoot! 360 Spirit", "Book Creator", "IXL"]
    for name in names:
        create_pilot(store, PilotForm(tool=name, start_date=date(2026, 10, 19)), [teacher])
    return names


def test_tool_names_are_not_cut_in_the_list_at_1024_wide(qtbot, store, long_names, recorder):
    win = MainWindow(store, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    qtbot.waitExposed(win)
    win.show_screen("pilots")
    table = win.pilots.table
    qtbot.wait(10)

    option = QStyleOptionViewItem()
    option.font = table.font()
    for row in range(table.model().rowCount()):
        index = table.model().index(row, TOOL)
        needed = table.itemDelegate().sizeHint(option, index).width()
        assert needed <= table.columnWidth(TOOL), index.data()
